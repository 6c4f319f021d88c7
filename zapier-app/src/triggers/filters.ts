import { SEVERITY_RANK, type Severity } from '@senseon/client';

/** A Zapier list input: an array, a comma-separated text, or nothing. Empty means "any". */
export function listInput(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.map((item) => String(item).trim()).filter((item) => item !== '');
}

/** A single-choice input; "" means "not set". */
export function textInput(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function atLeastSeverity(severity: string, minimum: string | undefined): boolean {
  if (!minimum) return true;
  const rank = SEVERITY_RANK[severity as Severity];
  const floor = SEVERITY_RANK[minimum as Severity];
  return rank === undefined || floor === undefined ? true : rank >= floor;
}

export function inList(value: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.includes(value);
}
