/**
 * `url` on cases, devices and response actions: where a person opens the item in SenseOn's
 * console, so every connector output can link to it. The sandbox has no console of its own, so
 * its links are under a reserved domain that never resolves (RFC 2606 `.invalid`), in the path
 * shape the console uses; a real SenseOn answers its console's own address.
 */
export const SANDBOX_CONSOLE_URL = 'https://console.senseon.invalid';

const PATHS = { case: 'cases', device: 'devices', action: 'response-actions' } as const;

export function consoleLink(kind: keyof typeof PATHS, id: string): string {
  return `${SANDBOX_CONSOLE_URL}/${PATHS[kind]}/${encodeURIComponent(id)}`;
}

/** The item with its link, recomputed from its id so a stored or renamed item never goes stale. */
export function withConsoleLink<T extends { id: string }>(kind: keyof typeof PATHS, item: T): T {
  return { ...item, url: consoleLink(kind, item.id) };
}
