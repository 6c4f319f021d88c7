import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
const lines: string[] = [];
let write: jest.SpyInstance;
beforeAll(async () => {
  sandbox = await startTestSandbox({ log: true });
  write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  });
});
afterAll(async () => {
  write.mockRestore();
  await sandbox.close();
});

describe('the request log', () => {
  it('escapes control characters, so a path cannot forge a log line', async () => {
    await apiFor(sandbox, 'analyst').get('/cases%0d%0aGET%20/v1/me%20200%200.1ms%00%1b[31m');
    const logged = lines.find((line) => line.includes('/v1/cases'));
    expect(logged).toBeDefined();
    // One line: the only newline is the one that ends it.
    const controls = [...(logged ?? '').slice(0, -1)].filter((ch) => ch.charCodeAt(0) < 0x20);
    expect(controls).toEqual([]);
    expect(logged).toContain('\\r\\n');
  });
});
