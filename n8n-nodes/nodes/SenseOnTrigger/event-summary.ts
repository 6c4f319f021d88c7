import {
  Action,
  Case,
  CaseSummaryResponse,
  Device,
  Observation,
  summarizeAction,
  summarizeCase,
  summarizeDevice,
  summarizeObservation,
  summarizeSummary,
  type WebhookEvent,
} from '@senseon/client';

/** What happened, in one sentence: "case.updated: Case case_… (high, investigating) …". */
export function summarizeEvent(event: Pick<WebhookEvent, 'type' | 'data' | 'id'>): string {
  const [kind] = event.type.split('.');
  let said: string | undefined;
  if (kind === 'case') {
    const parsed = Case.safeParse(event.data);
    if (parsed.success) said = summarizeCase(parsed.data);
  } else if (kind === 'summary') {
    const parsed = CaseSummaryResponse.safeParse(event.data);
    if (parsed.success) said = summarizeSummary(parsed.data);
  } else if (kind === 'action') {
    const parsed = Action.safeParse(event.data);
    if (parsed.success) said = summarizeAction(parsed.data);
  } else if (kind === 'observation') {
    const parsed = Observation.safeParse(event.data);
    if (parsed.success) said = summarizeObservation(parsed.data);
  } else if (kind === 'device') {
    const parsed = Device.safeParse(event.data);
    if (parsed.success) said = summarizeDevice(parsed.data);
  }
  return said ? `${event.type}: ${said}` : `${event.type} (event ${event.id}).`;
}
