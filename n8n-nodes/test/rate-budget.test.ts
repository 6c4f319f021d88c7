import { sleep } from 'n8n-workflow';
import { SenseOnVersion } from '../nodes/SenseOn/actions/node-version';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { runExecute } from './harness/execute-context';
import type { SentRequest } from './harness/http';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';

/**
 * The node never sees the token, so the credential's id names the key's budget: every run on
 * one credential in a process shares one header pacer, which spends the key's budget by
 * SenseOn's X-RateLimit-* answers instead of running into 429s. Against a sandbox that allows
 * 6 requests per 2 s, 14 runs one after another.
 */
describe('SenseOn node: the credential’s rate budget', () => {
  const node = new SenseOnVersion(4, new SenseOn().description);
  let sb: TestSandbox;

  beforeAll(async () => {
    sb = await startTestSandbox({ rateLimit: 6, rateWindowSeconds: 2 });
  });
  afterAll(() => sb.close());

  async function runs(credentialId: string | undefined): Promise<SentRequest[]> {
    const sent: SentRequest[] = [];
    for (let i = 0; i < 14; i++) {
      const run = await runExecute({
        nodeType: node,
        parameters: { resource: 'device', operation: 'getMany', limit: 1 },
        credentials: sb.credential('analyst'),
        node: credentialId
          ? { typeVersion: 4, credentials: { senseOnApi: { id: credentialId, name: 'SenseOn' } } }
          : { typeVersion: 4 },
      });
      expect(run.output[0]).toHaveLength(1);
      sent.push(...run.sent);
    }
    return sent;
  }

  const tooMany = (sent: SentRequest[]) => sent.filter((r) => r.status === 429).length;

  it('paces runs on one credential by the server’s count: no 429 comes back', async () => {
    const sent = await runs('cred-paced');
    expect(sent).toHaveLength(14);
    expect(tooMany(sent)).toBe(0);
  });

  it('without a credential id (a hand-made context) it only obeys 429s, which then come', async () => {
    // The window the test above spent must end first, or this would measure that one.
    await sleep(2_100);
    const sent = await runs(undefined);
    expect(tooMany(sent)).toBeGreaterThan(0);
    expect(sent.filter((r) => r.status === 200)).toHaveLength(14);
  });
});
