export interface WebhookAnswer {
  status: number;
  body: unknown;
  /** From sending the request to the last byte of n8n's answer. */
  wallMs: number;
}

/** POSTs to a published workflow's production webhook and waits for its answer. */
export async function callWebhook(
  n8nUrl: string,
  path: string,
  body: unknown = {},
): Promise<WebhookAnswer> {
  const start = performance.now();
  const response = await fetch(`${n8nUrl}/webhook/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(600_000),
  });
  const text = await response.text();
  const wallMs = performance.now() - start;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // n8n's answer to a failed run is not always JSON: keep the text for the report.
  }
  return { status: response.status, body: parsed, wallMs };
}

/**
 * n8n registers a published workflow's webhook a moment after the API call; until then it
 * answers 404 and runs nothing, so asking again is safe. The first call of a run goes here.
 */
export async function callWebhookWhenReady(
  n8nUrl: string,
  path: string,
  body: unknown = {},
): Promise<WebhookAnswer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await callWebhook(n8nUrl, path, body);
    if (answer.status !== 404 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
