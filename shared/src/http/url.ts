/** `/cases/{case_id}` with `{case_id: 'case_1'}` → `/cases/case_1`, each value URL-encoded. */
export function fillPath(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

/** A query string where arrays repeat the name (`status=open&status=investigating`). */
export function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined && item !== null) search.append(name, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The base URL without trailing slashes, so `${base}${path}` never doubles them. */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
