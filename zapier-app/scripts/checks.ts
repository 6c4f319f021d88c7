/**
 * `npm run zapier:checks`: the Zapier app against Zapier's publishing rules that can be checked
 * offline (`publishing-rules.ts`), then every step's static sample against a live result from an
 * in-process sandbox on a loopback port (`live-results.ts`). Exits 1 on any violation.
 */
import { startSandbox } from '@senseon/sandbox';
import App from '../src';
import { keyDifferences, liveResults } from './live-results';
import { checkDefinition, RULES, type AppDef, type Violation } from './publishing-rules';

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
          rule: 'samples-live',
          where: `${kind} ${key}`,
          problem: 'gave no live result to compare',
        });
        continue;
      }
      const { onlyInSample, onlyLive } = keyDifferences(sample, live);
      for (const k of onlyInSample)
        violations.push({
          rule: 'samples-live',
          where: `${kind} ${key}`,
          problem: `sample key ${k} is not in live results`,
        });
      for (const k of onlyLive)
        violations.push({
          rule: 'samples-live',
          where: `${kind} ${key}`,
          problem: `live key ${k} is missing from the sample`,
        });
    }
  } finally {
    await sandbox.close();
  }
  const ruleCount = Object.keys(RULES).length + 1;
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
