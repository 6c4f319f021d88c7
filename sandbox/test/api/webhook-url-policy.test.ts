import type { RunningSandbox } from '../../src';
import { optionsFromCli } from '../../src/cli-options';
import { guardedLookup } from '../../src/webhooks/url-policy';
import { apiFor, eventually, startTestSandbox, type Api } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let caseId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  caseId = (await admin.get('/cases?limit=1')).body.data[0].id;
});
afterAll(() => sandbox.close());

/** Addresses a webhook must never reach, in the spellings attackers use. */
const REFUSED = [
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/',
  'http://0xa9fea9fe/',
  'http://0251.0376.0251.0376/',
  'http://[::ffff:169.254.169.254]/',
  'http://[fe80::1]/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://metadata/',
  'http://0.0.0.0:8080/',
  'http://[::]/',
  'http://user:pass@example.com/hook',
  'http://10.0.0.5/',
  'http://192.168.1.1/',
  'http://172.16.0.1/',
  'ftp://example.com/',
  'file:///etc/passwd',
  'http://100.100.100.200/',
];

describe('webhook and callback URLs', () => {
  it.each(REFUSED)('refuses %s as a webhook url with 400 naming url', async (url) => {
    const res = await admin.post('/webhooks', { url, events: ['case.created'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('url');
  });

  it('refuses the metadata address as a callback_url, naming callback_url', async () => {
    const res = await admin.post(`/cases/${caseId}/actions`, {
      type: 'isolate_device',
      target: { device_id: 'dev_x' },
      justification: 'test',
      callback_url: 'http://0xa9fea9fe/',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('callback_url');
  });

  it('allows loopback by default (local receivers are what the sandbox is for)', async () => {
    const res = await admin.post('/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['case.created'],
    });
    expect(res.status).toBe(201);
  });

  it('refuses loopback when the sandbox is started without loopback webhooks', async () => {
    const strict = await startTestSandbox({ allowLoopbackWebhooks: false });
    try {
      const res = await apiFor(strict, 'admin').post('/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        events: ['case.created'],
      });
      expect(res.status).toBe(400);
      const named = await apiFor(strict, 'admin').post('/webhooks', {
        url: 'http://localhost:9/hook',
        events: ['case.created'],
      });
      expect(named.status).toBe(400);
    } finally {
      await strict.close();
    }
  });

  it('checks the resolved address at delivery time, and keeps the delivery error generic', async () => {
    // localhost resolves to loopback: allowed here, but a closed port must not say ECONNREFUSED.
    const created = await admin.post('/webhooks', {
      url: 'http://127.0.0.1:9/closed',
      events: ['case.created'],
    });
    const id = created.body.id as string;
    await admin.post(`/webhooks/${id}/test`);
    const delivery = await eventually(async () => {
      const list = await admin.get(`/webhooks/${id}/deliveries`);
      const first = list.body.data[0];
      return first && first.attempts > 0 ? first : undefined;
    });
    expect(delivery.last_error).toBe('connection failed');
    expect(delivery.last_error).not.toMatch(/ECONN|127\.0\.0\.1/);
  });

  it('refuses at delivery a hostname that resolves to a refused address', async () => {
    const strict = await startTestSandbox({ allowLoopbackWebhooks: false });
    try {
      // Stored before the policy could see it (as an old row would be): the dispatcher checks.
      const api = apiFor(strict, 'admin');
      const created = await api.post('/webhooks', {
        url: 'http://example.invalid/hook',
        events: ['case.created'],
      });
      expect(created.status).toBe(201);
      strict.db
        .prepare('UPDATE webhooks SET url = ? WHERE id = ?')
        .run('http://localhost:9/hook', created.body.id);
      await api.post(`/webhooks/${created.body.id}/test`);
      const delivery = await eventually(async () => {
        const list = await api.get(`/webhooks/${created.body.id}/deliveries`);
        const first = list.body.data[0];
        return first && first.attempts > 0 ? first : undefined;
      });
      expect(delivery.last_error).toBe('the address is not allowed');
    } finally {
      await strict.close();
    }
  });
});

describe('the delivery-time lookup', () => {
  const resolve = (policy: { allowLoopback: boolean }, host: string) =>
    new Promise<string>((done) =>
      guardedLookup(policy)(host, { all: true }, (error) =>
        done(error ? String((error as NodeJS.ErrnoException).code) : 'ok'),
      ),
    );

  it('refuses a name that resolves to loopback when loopback is off, and allows it when on', async () => {
    expect(await resolve({ allowLoopback: false }, 'localhost')).toBe('EADDRNOTALLOWED');
    expect(await resolve({ allowLoopback: true }, 'localhost')).toBe('ok');
  });
});

describe('turning loopback webhooks off', () => {
  it('is --no-loopback-webhooks or SENSEON_SANDBOX_ALLOW_LOOPBACK_WEBHOOKS=false', () => {
    const from = (argv: string[], env: NodeJS.ProcessEnv) => {
      const parsed = optionsFromCli(argv, env);
      return parsed.help ? undefined : parsed.options.allowLoopbackWebhooks;
    };
    expect(from(['--no-loopback-webhooks'], {})).toBe(false);
    expect(from([], { SENSEON_SANDBOX_ALLOW_LOOPBACK_WEBHOOKS: 'false' })).toBe(false);
    expect(from([], { SENSEON_SANDBOX_ALLOW_LOOPBACK_WEBHOOKS: 'true' })).toBe(true);
    expect(from([], {})).toBeUndefined();
  });
});
