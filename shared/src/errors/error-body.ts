import type { ErrorDetail } from '../schemas/common';

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** A header by case-insensitive name, from a fetch `Headers` or a plain record. */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

export interface ParsedErrorBody {
  code: string | null;
  message: string | null;
  details: ErrorDetail[];
  requestId: string | null;
}

const MAX_TEXT = 300;

/**
 * Reads the API's error envelope leniently: a proxy may answer HTML, a newer server may add
 * fields, and an error about an error would hide the first one.
 */
export function readErrorBody(body: unknown): ParsedErrorBody {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      const text = body.trim().slice(0, MAX_TEXT);
      return { code: null, message: text || null, details: [], requestId: null };
    }
  }
  const envelope = (value ?? {}) as { error?: unknown; request_id?: unknown };
  const error = (envelope.error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const details = Array.isArray(error.details)
    ? error.details
        .filter((d): d is ErrorDetail => !!d && typeof d === 'object')
        .map((d) => ({ ...d, field: String(d.field ?? ''), issue: String(d.issue ?? '') }))
    : [];
  return {
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : null,
    details,
    requestId: typeof envelope.request_id === 'string' ? envelope.request_id : null,
  };
}
