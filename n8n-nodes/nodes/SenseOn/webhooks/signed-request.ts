import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

interface RawRequest {
  rawBody?: Buffer;
  readRawBody?: () => Promise<void>;
}

interface Responder {
  status(code: number): { json(body: unknown): void };
}

/** Answers the caller directly: SenseOn reads the status; n8n starts or resumes nothing. */
export function answer(
  context: IWebhookFunctions,
  status: number,
  body: unknown,
): IWebhookResponseData {
  (context.getResponseObject() as unknown as Responder).status(status).json(body);
  return { noWebhookResponse: true };
}

/** The exact bytes SenseOn signed; a signature over re-serialised JSON would never match. */
export async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer | undefined> {
  const request = context.getRequestObject() as unknown as RawRequest;
  if (!request.rawBody && request.readRawBody) await request.readRawBody();
  return request.rawBody;
}
