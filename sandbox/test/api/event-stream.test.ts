import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { RunningSandbox } from '../../src';
import { apiFor, eventually, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let analyst: Api;
let caseId: string;

/** An open `GET /events/stream`: what it has sent so far, parsed as SSE, and how to close it. */
interface Listening {
  status: number;
  headers: Headers;
  messages: EventSourceMessage[];
  comments: string[];
  close(): void;
  body: string;
}

async function listen(query = '', headers: Record<string, string> = {}, token?: string) {
  const controller = new AbortController();
  const response = await fetch(`${sandbox.url}/events/stream${query}`, {
    headers: { authorization: `Bearer ${token ?? analyst.token}`, ...headers },
    signal: controller.signal,
  });
  const out: Listening = {
    status: response.status,
    headers: response.headers,
    messages: [],
    comments: [],
    close: () => controller.abort(),
    body: '',
  };
  if (!response.ok) {
    out.body = await response.text();
    return out;
  }
  const parser = createParser({
    onEvent: (message) => out.messages.push(message),
    onComment: (comment) => out.comments.push(comment),
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // Closed by the test.
    }
  })();
  return out;
}

const events = (l: Listening) => l.messages.filter((m) => m.event !== 'ready');
const comment = (body: string) => analyst.post(`/cases/${caseId}/comments`, { body });

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
});
afterAll(() => sandbox.close());

describe('GET /events/stream', () => {
  it('sends each new event with its id and type, in the webhook envelope', async () => {
    const stream = await listen('?type=case.comment_added');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await eventually(() => (stream.messages.some((m) => m.event === 'ready') ? true : undefined));
    const posted = await comment('Streamed comment one.');
    await analyst.patch(`/cases/${caseId}`, { tags: ['streamed'] }); // another type: not sent
    await comment('Streamed comment two.');
    const got = await eventually(() => (events(stream).length >= 2 ? events(stream) : undefined));
    stream.close();
    expect(got.map((m) => m.event)).toEqual(['case.comment_added', 'case.comment_added']);
    const envelope = JSON.parse(got[0]!.data) as Json;
    expect(envelope).toMatchObject({ type: 'case.comment_added', data: { id: posted.body.id } });
    expect(got[0]!.id).toBe(envelope.id);
    // The same event `GET /events` lists, byte for byte as a webhook would receive it.
    const listed = await analyst.get('/events?type=case.comment_added&sort=-created_at&limit=2');
    expect(listed.body.data.map((e: Json) => e.id).reverse()).toEqual(got.map((m) => m.id));
  });

  it('resumes after Last-Event-ID with every later event, once, in order', async () => {
    const first = await listen('?type=case.comment_added');
    await eventually(() => (first.messages.length > 0 ? true : undefined));
    for (let i = 0; i < 5; i++) await comment(`Before the drop ${i}.`);
    const seen = await eventually(() => (events(first).length >= 2 ? events(first) : undefined));
    first.close();
    const resumeAfter = seen[1]!.id!;
    for (let i = 0; i < 5; i++) await comment(`During the drop ${i}.`);
    const resumed = await listen('?type=case.comment_added', { 'Last-Event-ID': resumeAfter });
    const got = await eventually(() => (events(resumed).length >= 8 ? events(resumed) : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    resumed.close();
    const all = [...seen.slice(0, 2), ...events(resumed)].map((m) => m.id);
    expect(got).toHaveLength(8);
    expect(new Set(all).size).toBe(10);
    const listed = await analyst.get('/events?type=case.comment_added&sort=-created_at&limit=10');
    expect(listed.body.data.map((e: Json) => e.id).reverse()).toEqual(all);
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const stream = await listen('?type=summary.generated&heartbeat_seconds=1');
    await eventually(() => (stream.comments.length >= 1 ? true : undefined), 4_000);
    stream.close();
    expect(stream.comments[0]).toContain('heartbeat');
  });

  it('refuses an unknown Last-Event-ID, naming the header', async () => {
    const refused = await listen('', { 'Last-Event-ID': 'evt_doesnotexist' });
    expect(refused.status).toBe(400);
    const body = JSON.parse(refused.body) as Json;
    expect(body.error.details[0].field).toBe('Last-Event-ID');
  });

  it('holds at most 3 streams per token, and frees a place when one closes', async () => {
    const open = [await listen(), await listen(), await listen()];
    expect(open.map((l) => l.status)).toEqual([200, 200, 200]);
    const fourth = await listen();
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.body).error.message).toContain('3 open event streams');
    expect(fourth.headers.get('retry-after')).toBe('5');
    // Another token is not affected.
    const other = await listen('', {}, sandbox.tokens.admin);
    expect(other.status).toBe(200);
    other.close();
    open[0]!.close();
    const again = await eventually(async () => {
      const attempt = await listen();
      return attempt.status === 200 ? attempt : undefined;
    });
    again.close();
    for (const l of open) l.close();
  });

  it('needs webhooks:manage', async () => {
    const refused = await listen('', {}, sandbox.tokens.readonly);
    expect(refused.status).toBe(403);
  });
});
