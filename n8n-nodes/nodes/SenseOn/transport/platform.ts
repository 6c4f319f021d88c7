import type { Platform } from '@senseon/client';
import type { ICredentialsDecrypted } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { N8nTransport, type RequestContext } from './n8n-transport';

/**
 * The client core's platform inside n8n. n8n asks community nodes to use none of the timer or
 * `process` globals and to send requests through its helpers, so: waiting is n8n-workflow's
 * `sleep`, requests go through `httpRequestWithAuthentication` (N8nTransport), and the
 * User-Agent names no runtime (the host's Node is n8n's business; USER_AGENT names this
 * package). Passed to `BaseSenseOnClient`, so Node's defaults never enter the bundle.
 * `credential`, when given, is the node's credential as already loaded, for n8n to apply.
 */
export function n8nPlatform(context: RequestContext, credential?: ICredentialsDecrypted): Platform {
  return {
    sleep,
    runtime: () => undefined,
    transport: () => new N8nTransport(context, credential),
  };
}
