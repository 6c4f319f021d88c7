/**
 * `npm run zapier:checks`: the Zapier app against Zapier's publishing rules that can be checked
 * offline (`publishing-rules.ts`), then every step's live result from an in-process sandbox on a
 * loopback port (`live-results.ts`) against the checks Zapier runs on Zap History (T002, T003,
 * T004: the sample's keys). Exits 1 on any violation.
 */
import { startSandbox } from '@senseon/sandbox';
import App from '../src';
import { keyDifferences, liveResults } from './live-results';
import {
  checkDefinition,
  nonIsoDates,
  RULES,
  type AppDef,
  type Violation,
} from './publishing-rules';

async function main(): Promise<number> {
  const violations: Violation[] = checkDefinition(App as unknown as AppDef);
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    summaryDelayMs: 20,
    actionExecutionMs: 20,
  });
  try {
    for (const { kind, key, sample, live } of await liveResults(sandbox)) {
      if (!live) {
        violations.push({
          rule: 'T004',
          where: `${kind} ${key}`,
          problem: 'gave no live result to compare',
        });
        continue;
      }
      const where = `${kind} ${key}`;
      if (kind === 'trigger' && !('id' in live))
        violations.push({ rule: 'T002', where, problem: 'the live result has no id' });
      for (const at of nonIsoDates(live))
        violations.push({ rule: 'T003', where, problem: `live ${at} is not ISO 8601 with a zone` });
      const { onlyInSample, onlyLive } = keyDifferences(sample, live);
      for (const k of onlyInSample)
        violations.push({
          rule: 'T004',
          where,
          problem: `sample key ${k} is not in live results`,
        });
      for (const k of onlyLive)
        violations.push({
          rule: 'T004',
          where,
          problem: `live key ${k} is missing from the sample`,
        });
    }
  } finally {
    await sandbox.close();
  }
  const ruleCount = Object.keys(RULES).length;
  if (violations.length === 0) {
    console.log(`zapier:checks: ${ruleCount} rules, 0 violations`);
    return 0;
  }
  for (const v of violations) console.error(`${v.rule}  ${v.where}: ${v.problem}`);
  console.error(`zapier:checks: ${violations.length} violation(s) of ${ruleCount} rules`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
