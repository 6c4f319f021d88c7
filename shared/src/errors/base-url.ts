/**
 * A base URL as it may be shown in a message: without user info (`user:pass@`), a query or a
 * fragment, which could hold a secret, and without a trailing slash.
 */
export function showBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return baseUrl.replace(/[?#].*$/, '').replace(/\/+$/, '');
  }
}

/** Said wherever the base URL may be wrong, so both connectors give the same example. */
export const BASE_URL_SHAPE =
  'it should end in /v1, e.g. https://api.senseon.io/v1 (a local sandbox: http://127.0.0.1:<port>/v1)';
