import { VERSION } from '@senseon/client';
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { authentication } from './authentication';
import { creates } from './creates';
import { searches } from './searches';
import { triggers } from './triggers';

export { ZAPIER_FIELD_DIFFERENCES } from './fields/platform-fields';

/**
 * SenseOn for Zapier: 3 triggers and 13 actions (9 creates, 4 searches) over the client core.
 * `throttle` declares SenseOn's budget of 1,000 requests a minute per key to Zapier, shared by
 * every action of one connection (scope `auth`, no `action`), so Zapier holds tasks back before
 * the API has to answer 429.
 */
export default defineApp({
  // The one version of every package (root package.json, copied by `npm run release:sync`).
  version: VERSION,
  platformVersion,
  authentication,
  throttle: { window: 60, limit: 1000, scope: ['auth'] },
  // Every request goes through z.request, which logs it already. The global http patch that
  // would also log third-party requests drops the options of `http.request(url, options, cb)`,
  // turning any such POST in the same process (the embedded sandbox's webhooks) into a bare GET.
  // A 429 reaches the client core as a response (core 18+ would throw its own ThrottledError
  // first, with a delay parsed from Retry-After seconds only); the core reads it once and
  // `toZapierError` gives Zapier one ThrottledError with the delay (see transport.ts).
  flags: { skipHttpPatch: true, throwForThrottlingEarly: false },
  triggers,
  creates,
  searches,
});
