import { sleep, type IDeferredPromise, type INodeExecutionData, type IRun } from 'n8n-workflow';
import {
  emitTakesDeduplicationKey,
  emitUntilStarted,
} from '../nodes/SenseOnStreamTrigger/emit-started';
import { eventually } from './harness/eventually';

type Done = IDeferredPromise<IRun> | undefined;

/**
 * How the Stream Trigger makes sure n8n started each event (unit level: the e2e run proves it in
 * a real n8n). `emit` here plays n8n: it settles the donePromise as n8n 2.40.7 does.
 */
describe('Stream Trigger: emitUntilStarted', () => {
  const data: INodeExecutionData[][] = [[{ json: { id: 'evt_1' } }]];
  /** One event's options; every emit of it carries the same key. */
  const options = (
    extra: Partial<Parameters<typeof emitUntilStarted>[2]> = {},
  ): Parameters<typeof emitUntilStarted>[2] => ({
    deduplicationKey: 'senseon-stream:wf:node:evt_1',
    signal: new AbortController().signal,
    waits: { refused: false },
    onGiveUp: jest.fn(),
    ...extra,
  });
  const dbBusy = () => new Error('Timeout waiting for lock SqliteWriteConnectionMutex');
  const started = () =>
    Object.assign(new Error('No active execution found'), { extra: { executionId: '7' } });

  function n8n(answers: Array<(done: IDeferredPromise<IRun>) => void>) {
    const calls: Done[] = [];
    const keys: Array<string | undefined> = [];
    const emit = (
      _data: INodeExecutionData[][],
      _response?: unknown,
      done?: Done,
      key?: string,
    ) => {
      calls.push(done);
      keys.push(key);
      const answer = answers[calls.length - 1];
      if (done && answer) answer(done);
    };
    return { emit, calls, keys };
  }

  it('emits again when n8n could not start the execution, until it does', async () => {
    const { emit, calls, keys } = n8n([
      (d) => d.reject(dbBusy()),
      (d) => d.reject(dbBusy()),
      (d) => d.resolve({} as IRun),
    ]);
    const onGiveUp = jest.fn();
    emitUntilStarted(emit, data, options({ onGiveUp }));
    await eventually('three emits', async () => (calls.length === 3 ? true : undefined), 10_000);
    await sleep(1_200);
    expect(calls).toHaveLength(3);
    // One key for every try: n8n refuses a second execution of the event.
    expect(new Set(keys)).toEqual(new Set(['senseon-stream:wf:node:evt_1']));
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('confirms starts only where n8n takes a deduplication key with emit', () => {
    const withKey = (d: unknown, r: unknown, p: unknown, k: unknown) => [d, r, p, k];
    const withoutKey = (d: unknown, r: unknown, p: unknown) => [d, r, p];
    expect(emitTakesDeduplicationKey(withKey as never)).toBe(true);
    expect(emitTakesDeduplicationKey(withoutKey as never)).toBe(false);
  });

  it('never emits twice for an execution that started (the error names it)', async () => {
    const { emit, calls } = n8n([(d) => d.reject(started())]);
    emitUntilStarted(emit, data, options());
    await sleep(1_200);
    expect(calls).toHaveLength(1);
  });

  it('an n8n that refuses waiting triggers gets the event once more, and later ones, plainly', async () => {
    const refusal = Object.assign(new Error('Engine 2.0 cannot run a trigger that waits'), {
      level: 'info',
    });
    const { emit, calls } = n8n([(d) => d.reject(refusal)]);
    const waits = { refused: false };
    emitUntilStarted(emit, data, options({ waits }));
    await eventually('the plain emit', async () => (calls.length === 2 ? true : undefined), 5_000);
    expect(calls[1]).toBeUndefined();
    expect(waits.refused).toBe(true);
    emitUntilStarted(emit, data, options({ waits }));
    expect(calls).toHaveLength(3);
    expect(calls[2]).toBeUndefined();
  });

  it('gives up after its attempts, saying so; a closed trigger emits nothing more', async () => {
    const { emit, calls } = n8n([(d) => d.reject(dbBusy()), (d) => d.reject(dbBusy())]);
    const onGiveUp = jest.fn();
    emitUntilStarted(emit, data, options({ onGiveUp, maxAttempts: 2 }));
    await eventually(
      'giving up',
      async () => (onGiveUp.mock.calls.length === 1 ? true : undefined),
      10_000,
    );
    expect(calls).toHaveLength(2);
    expect(String(onGiveUp.mock.calls[0]![0])).toContain('SqliteWriteConnectionMutex');

    const closed = new AbortController();
    const second = n8n([(d) => d.reject(dbBusy())]);
    emitUntilStarted(second.emit, data, options({ signal: closed.signal }));
    closed.abort();
    await sleep(1_200);
    expect(second.calls).toHaveLength(1);
  });
});
