/**
 * Plain HTTP calls to the sandbox for what a person or SenseOn itself does in the end-to-end
 * run (a second principal approving, an analyst updating a case): deliberately not through our
 * client core, so the connectors are checked against the API, not against themselves.
 */
export class SandboxApi {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`sandbox ${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface Page<T> {
  data: T[];
  pagination: { next_cursor: string | null };
}

export interface SandboxDevice {
  id: string;
  hostname: string;
  status: string;
  criticality: string;
  os: { type: string };
}

export interface SandboxAction {
  id: string;
  case_id: string;
  type: string;
  status: string;
  target: { device_id?: string };
  callback_url?: string | null;
  decided_by?: string | null;
}

export interface SandboxWebhook {
  id: string;
  url: string;
  events: string[];
}
