// zapier-platform-core's handler factory is public at run time but missing from its type file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('zapier-platform-core') as {
  createAppHandler(app: unknown): (event: Record<string, unknown>) => Promise<{ results: unknown }>;
};

export type AuthData = {
  environment: 'production' | 'sandbox';
  baseUrl: string;
  token: string;
  tenantId?: string;
};
export type Invoke = (
  method: string,
  authData: AuthData,
  inputData: Record<string, unknown>,
  /** More of the bundle: `targetUrl` to subscribe, `subscribeData` and a hook's request. */
  bundle?: Record<string, unknown>,
) => Promise<unknown>;

/**
 * Runs one method of the Zapier app the way `zapier-platform invoke` does: zapier-platform-core's
 * own handler, a dotted method path (`creates.isolate_device.operation.perform`) and the event
 * flags the CLI sets, so middleware, input cleaning and error handling are Zapier's, not ours.
 */
export function invoker(app: unknown): Invoke {
  const handler = core.createAppHandler(app);
  return async (method, authData, inputData, bundle = {}) => {
    const response = await handler({
      command: 'execute',
      method,
      bundle: {
        authData,
        inputData,
        inputDataRaw: inputData,
        meta: { isLoadingSample: false, isFillingDynamicDropdown: false, page: 0, limit: -1 },
        ...bundle,
      },
      calledFromCli: true,
      calledFromCliInvoke: true,
    });
    return response.results;
  };
}

/** Zapier errors carry a JSON message ({message, code, status}); show the words. */
export function zapierErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(message) as { message?: string };
    return parsed.message ?? message;
  } catch {
    return message;
  }
}
