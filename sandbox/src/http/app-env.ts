import type { Caller } from '../auth/caller';

/** Per-request values the middleware share. */
export interface AppEnv {
  Variables: {
    requestId: string;
    caller: Caller | undefined;
  };
}
