import type { Observation, TraceEntry } from '@senseon/client';

interface TimelineEntry {
  at: string;
  event: string;
  description: string;
  actor: { principal: string; origin: 'human' | 'automation' | 'agent' } | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** How a DecisionTrace entry reads in a case's timeline. */
function describe(entry: TraceEntry): string {
  const d = entry.details;
  const who = entry.actor.principal;
  switch (entry.event) {
    case 'case.created':
      return `Case opened: ${text(d.title)}.`;
    case 'case.updated':
      return `${who} updated ${Object.keys((d.changes as object) ?? {}).join(', ') || 'the case'}.`;
    case 'case.comment_added':
      return `${who} commented.`;
    case 'action.requested':
      return `${who} requested ${text(d.type)}${d.requires_approval ? ' (needs approval)' : ''}.`;
    case 'action.approved':
      return `${who} approved ${text(d.type ?? 'the action')}.`;
    case 'action.rejected':
      return `${who} rejected ${text(d.type)}${d.comment ? `: ${text(d.comment)}` : ''}.`;
    case 'action.executing':
      return `Running ${text(d.type)}.`;
    case 'action.completed':
    case 'action.failed':
      return text(d.message);
    case 'action.expired':
      return `${text(d.type)} expired without a decision.`;
    case 'summary.requested':
      return `${who} asked for an AI summary.`;
    case 'summary.generated':
      return 'The AI summary is ready.';
    default:
      return entry.event.endsWith('_refused')
        ? `Refused for ${who}: ${text(d.reason)}.`
        : entry.event;
  }
}

/** The case's story: its observations and every DecisionTrace entry, in time order. */
export function buildTimeline(trace: TraceEntry[], observations: Observation[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...observations.map((o) => ({
      at: o.observed_at,
      event: 'observation',
      description: `${o.severity} ${o.source} observation: ${o.title}`,
      actor: null,
    })),
    ...trace.map((entry) => ({
      at: entry.at,
      event: entry.event,
      description: describe(entry),
      actor: { principal: entry.actor.principal, origin: entry.actor.origin },
    })),
  ];
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
