import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { SandboxOptions } from './config';
import { answerClientError } from './http/client-errors';
import { createApp, type SandboxApp } from './sandbox';

/** A sandbox listening on a real port: everything `createApp` gives, plus where to reach it. */
export interface RunningSandbox extends Omit<SandboxApp, 'app'> {
  /** The base URL, with `/v1`: `http://127.0.0.1:41234/v1`. */
  url: string;
  port: number;
  /** The interactive API docs. */
  docsUrl: string;
  /** Stops accepting requests, stops the workers and closes the database. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a sandbox on a real port (0 picks a free one). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox: SandboxApp = createApp(options);
  const { config } = sandbox.services;
  const server = createAdaptorServer({ fetch: sandbox.app.fetch }) as Server;
  // Node's own refusals (431 for headers over 16 KB, 400) in the API's error envelope too.
  server.on('clientError', answerClientError);
  let address: AddressInfo;
  try {
    address = await listen(server, config.port, config.host);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const origin = `http://${urlHost(config.host === '0.0.0.0' ? '127.0.0.1' : config.host)}:${address.port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/v1`,
    port: address.port,
    docsUrl: `${origin}/docs`,
    tokens: sandbox.tokens,
    tenants: sandbox.tenants,
    clock: sandbox.clock,
    setFaults: sandbox.setFaults,
    db: sandbox.db,
    simulateStep: sandbox.simulateStep,
    services: sandbox.services,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold close() open; nothing more will be answered.
          server.closeAllConnections();
        });
        await sandbox.close();
      })();
      return closing;
    },
  };
}
