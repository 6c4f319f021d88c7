/**
 * The entities an observation mentions, for the `entity` filter: every string value in its OCSF
 * event (IPs, hashes, domains, user names all live there), plus the host of each URL and the
 * local part of each e-mail address, so `entity=alice` finds `alice@example.com`.
 * Stored newline-delimited and lower-cased so an exact match is one `instr`.
 */
export function entitiesOf(ocsf: unknown): string {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 12) return;
    if (typeof value === 'string') {
      if (value.length === 0 || value.length > 2048 || value.includes('\n')) return;
      const text = value.toLowerCase();
      found.add(text);
      const at = text.indexOf('@');
      if (at > 0) found.add(text.slice(0, at));
      if (/^https?:\/\//.test(text)) {
        try {
          found.add(new URL(text).hostname);
        } catch {
          // Not a URL after all; the whole string is already recorded.
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(ocsf, 0);
  return `\n${[...found].join('\n')}\n`;
}
