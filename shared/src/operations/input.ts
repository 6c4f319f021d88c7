import { InvalidInputError } from '../errors';

/**
 * Reads connector input the way no-code users give it: empty strings mean "not set",
 * numbers may come as text, lists as comma-separated text or arrays.
 */
export class InputReader {
  constructor(private readonly values: Record<string, unknown>) {}

  text(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    const text = String(value).trim();
    return text === '' ? undefined : text;
  }

  required(name: string): string {
    const text = this.text(name);
    if (text === undefined) {
      throw new InvalidInputError('this step', [
        { field: name, issue: 'is required and was empty' },
      ]);
    }
    return text;
  }

  number(name: string): number | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      throw new InvalidInputError('this step', [
        { field: name, issue: `must be a number, got "${text}"` },
      ]);
    }
    return value;
  }

  list(name: string): string[] | undefined {
    const value = this.values[name];
    const items = (Array.isArray(value) ? value : String(value ?? '').split(','))
      .map((item) => String(item).trim())
      .filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  }
}
