/**
 * The DecisionTrace audit export (issue 13).
 *
 *   npm run verify-trace -- export --base-url URL [--tenant ten_…] [--since OLD.json] --out FILE
 *       downloads the tenant's whole trace, a fresh signed checkpoint and the server's key into
 *       one JSON file; with --since, also the older file's checkpoint and the consistency proof
 *       from it. The token comes from the SENSEON_TOKEN environment variable, never a flag (a
 *       flag would show in the process list).
 *   npm run verify-trace -- verify FILE [--key BASE64_OR_PEM_FILE]
 *       verifies such a file offline: signature, root recomputed from every entry, hash chains,
 *       consistency with the earlier checkpoint. Exit 0 when verified, 1 when not, 2 on misuse.
 */
import {
  SenseOnClient,
  exportTraceAudit,
  verifyTraceAudit,
  type TraceAudit,
  type TraceAuditFile,
} from '@senseon/client';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: verify-trace export --base-url URL [--tenant ten_…] [--since OLD.json] --out FILE\n` +
      '       verify-trace verify FILE [--key BASE64_OR_PEM_FILE]\n',
  );
  process.exit(2);
}

function readAuditFile(path: string): TraceAuditFile {
  if (!existsSync(path)) usage(`${path}: no such file`);
  return JSON.parse(readFileSync(path, 'utf8')) as TraceAuditFile;
}

function report(audit: TraceAudit): void {
  for (const check of audit.checks) {
    process.stdout.write(`${check.passed ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}\n`);
  }
  if (audit.tampering) process.stdout.write(`\n${audit.tampering.message}\n`);
  process.stdout.write(audit.verified ? '\nVERIFIED\n' : '\nNOT VERIFIED\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'export') {
    const { values } = parseArgs({
      args: rest,
      options: {
        'base-url': { type: 'string' },
        tenant: { type: 'string' },
        since: { type: 'string' },
        out: { type: 'string' },
      },
    });
    const token = process.env.SENSEON_TOKEN;
    if (!values['base-url']) usage('--base-url: required');
    if (!values.out) usage('--out: required');
    if (!token) usage('SENSEON_TOKEN: set it to a token with trace:read');
    const client = new SenseOnClient({
      baseUrl: values['base-url'],
      token,
      tenantId: values.tenant,
    });
    const previous = values.since ? readAuditFile(values.since).checkpoint : null;
    const file = await exportTraceAudit(client, previous);
    writeFileSync(values.out, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(
      `wrote ${values.out}: ${file.entries.length} entries of ${file.checkpoint.tenant_id}, checkpoint ${file.checkpoint.tree_size} signed by ${file.checkpoint.key_id}\n`,
    );
    const audit = verifyTraceAudit(file);
    report(audit);
    return audit.verified ? 0 : 1;
  }
  if (command === 'verify') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { key: { type: 'string' } },
    });
    if (positionals.length !== 1) usage('verify: give exactly one audit file');
    const key =
      values.key && existsSync(values.key) ? readFileSync(values.key, 'utf8') : values.key;
    const audit = verifyTraceAudit(readAuditFile(positionals[0]!), key);
    report(audit);
    return audit.verified ? 0 : 1;
  }
  return usage(`unknown command ${command ?? '(none)'}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `verify-trace: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
