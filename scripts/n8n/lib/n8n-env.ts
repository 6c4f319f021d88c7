import { dirname } from 'node:path';
import type { N8nHost } from './host';

export interface N8nEnvOptions {
  /** The throwaway (or kept, for `npm run n8n`) home of this n8n: database, keys, community nodes. */
  userFolder: string;
  /**
   * Encrypts stored credentials; the same for every command on one user folder. Without it, n8n
   * makes one on first start and keeps it in the folder's `.n8n/config`.
   */
  encryptionKey?: string;
  /** The editor and webhook port, for `n8n start`. */
  port?: number;
  /** n8n's task broker listens on 5679 by default: give each n8n its own so two never clash. */
  brokerPort: number;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/** The environment of a headless, private n8n: no telemetry, no outside calls, sqlite. */
export function n8nEnv(host: N8nHost, options: N8nEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Node 24 first: n8n and the task runner it spawns both need it.
    PATH: `${dirname(host.node)}:${process.env.PATH ?? ''}`,
    N8N_USER_FOLDER: options.userFolder,
    DB_TYPE: 'sqlite',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    // The editor is served over plain http on 127.0.0.1.
    N8N_SECURE_COOKIE: 'false',
    N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
    N8N_LOG_LEVEL: options.logLevel ?? 'warn',
    // Never let n8n reinstall or update community packages from the registry on its own.
    N8N_REINSTALL_MISSING_PACKAGES: 'false',
    // The MCP server catalogue is fetched from n8n's servers every start; there is no internet.
    N8N_DISABLED_MODULES: 'mcp-registry',
  };
  if (options.encryptionKey) env.N8N_ENCRYPTION_KEY = options.encryptionKey;
  if (options.port !== undefined) {
    env.N8N_PORT = String(options.port);
    env.N8N_LISTEN_ADDRESS = '127.0.0.1';
    env.N8N_HOST = '127.0.0.1';
    // The base of webhook and resume URLs (n8n 2.x's name; WEBHOOK_URL is deprecated).
    env.N8N_WEBHOOK_URL = `http://127.0.0.1:${options.port}/`;
    env.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${options.port}/`;
  }
  // The project's Node 22 sets these for npm scripts; n8n must not inherit npm's idea of a prefix.
  delete env.npm_config_prefix;
  delete env.NODE_OPTIONS;
  return env;
}
