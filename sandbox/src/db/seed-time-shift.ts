const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Millisecond epoch times after 2001: anything smaller under a `*time` key is not a time. */
const MIN_EPOCH_MS = 1e12;

/**
 * Moves every time in the seed by `deltaMs`: RFC 3339 strings anywhere, and OCSF's epoch
 * milliseconds under `time` / `*_time` keys. The seed's times are relative to its own fixed
 * "now"; shifted, the data reads as the last two weeks whenever the sandbox starts.
 */
export function shiftTimes<T>(value: T, deltaMs: number): T {
  return shift(value, deltaMs, '') as T;
}

function shift(value: unknown, deltaMs: number, key: string): unknown {
  if (typeof value === 'string' && ISO_TIME.test(value)) {
    return new Date(Date.parse(value) + deltaMs).toISOString();
  }
  if (typeof value === 'number' && /(^|_)time$/.test(key) && value > MIN_EPOCH_MS) {
    return value + deltaMs;
  }
  if (Array.isArray(value)) return value.map((item) => shift(item, deltaMs, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = shift(item, deltaMs, name);
    return out;
  }
  return value;
}
