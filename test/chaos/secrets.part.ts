/**
 * Row "secrets": after every other part has run and every service has stopped, every file the
 * run wrote (the runner's own output, the sandbox's request log, n8n's log, n8n's database with
 * its execution data, the Zapier results, the bulk job's ledger) is searched, byte for byte, for
 * every token and secret the run used. Two files are stores that must keep a secret to work, and
 * only there is one allowed: the sandbox's database keeps webhook and callback signing secrets
 * (tokens only as hashes), and n8n's database keeps the SenseOn Trigger's subscription secret, to
 * verify deliveries with, in the trigger's static data (credentials only encrypted).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ChaosContext } from './context';
import type { ChaosPart } from './parts';
import type { ChaosRow } from './table';

/**
 * Files that store signing secrets by design, and which secrets (by prefix) they may hold. n8n's
 * database may hold webhook subscription secrets, never a response action's callback secret: only
 * SenseOn keeps those, and in n8n they would sit in execution data that anyone viewing executions
 * reads.
 */
const SECRET_STORES: { file: RegExp; mayHold: RegExp; callbackSecrets: boolean }[] = [
  { file: /(^|\/)sandbox\.db(-wal|-shm|-journal)?$/, mayHold: /^whsec_/, callbackSecrets: true },
  {
    file: /(^|\/)\.n8n\/database\.sqlite(-wal|-shm|-journal)?$/,
    mayHold: /^whsec_/,
    callbackSecrets: false,
  },
  // n8n's own key file keeps the encryption key it was started with (48 hex digits here).
  { file: /(^|\/)\.n8n\/config$/, mayHold: /^[0-9a-f]{48}$/, callbackSecrets: false },
];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // Installed packages (our own n8n package included) are code, not something the run wrote.
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...filesUnder(path));
    } else if (entry.isFile()) out.push(path);
  }
  return out;
}

export const secretsPart: ChaosPart = {
  name: 'secrets',
  rows: ['6 secrets'],
  afterEverything: true,
  async run(ctx: ChaosContext): Promise<ChaosRow[]> {
    const secrets = ctx.secrets;
    const files = filesUnder(ctx.dir);
    let bytes = 0;
    const found: string[] = [];
    /** Per file, how many secrets of which kind: what the table shows. */
    const where = new Map<string, number>();
    let stored = 0;
    for (const file of files) {
      const name = relative(ctx.dir, file);
      if (statSync(file).size > 512 * 1024 * 1024) {
        found.push(`${name}: too large to scan`);
        continue;
      }
      const content = readFileSync(file);
      bytes += content.length;
      const store = SECRET_STORES.find((s) => s.file.test(name));
      for (const secret of secrets) {
        if (content.indexOf(secret) < 0) continue;
        const callback = ctx.isCallbackSecret(secret);
        if (store?.mayHold.test(secret) && (!callback || store.callbackSecrets)) {
          stored++;
          continue;
        }
        // Never the secret itself: its kind and where.
        const prefix = secret.slice(0, secret.indexOf('_') + 1) || 'secret ';
        const kind = `${callback ? 'callback ' : ''}${prefix}… in ${name}`;
        found.push(kind);
        where.set(kind, (where.get(kind) ?? 0) + 1);
      }
    }
    for (const place of found) console.log(`  found ${place}`);
    return [
      {
        row: '6 secrets',
        fault:
          'everything the run wrote: logs (runner, sandbox requests, n8n), n8n database and execution data, Zapier results, bulk job ledger',
        promise:
          'no token or secret anywhere, except signing secrets in the two stores that need them',
        figure:
          `${secrets.length} secrets searched in ${files.length} files (${(bytes / 1024 / 1024).toFixed(1)} MiB): ${found.length} found` +
          ([...where].length
            ? ` (${[...where].map(([kind, n]) => `${n} × ${kind}`).join('; ')})`
            : '') +
          ` (${stored} signing secrets where they are stored by design)`,
        kept: found.length === 0 && secrets.length >= 10 && files.length > 0,
      },
    ];
  },
};
