/**
 * One-sentence summaries of API objects, for people reading a Zap history or an n8n run and
 * for AI agents deciding what to do next. They never include secrets (webhook secrets, token
 * values, the query string of a URL).
 */
import type { Action } from './schemas/actions';
import type { ActionTarget } from './schemas/action-types';
import type { Case, CaseSummaryResponse, Comment } from './schemas/cases';
import type { CaseDetail } from './schemas/case-detail';
import type { Device } from './schemas/devices';
import type { Observation } from './schemas/observations';
import type { Pat } from './schemas/pats';
import type { Script } from './schemas/scripts';
import type { TraceEntry } from './schemas/trace';
import type { Delivery, Webhook } from './schemas/webhooks';
import type { TraceVerification } from './trace/chain';
import type { TraceAudit } from './trace/trace-audit';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The first `max` characters on one line, with an ellipsis when cut. */
function clip(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

const noStop = (text: string) => text.trim().replace(/[.!]+$/, '');
const actor = (a: { principal: string; origin: string }) => `${a.principal} (${a.origin})`;

export function summarizeCase(c: Case): string {
  const assignee = c.assignee ? `, assigned to ${c.assignee}` : '';
  return (
    `Case ${c.id} (${c.severity}, ${c.status}): ${clip(noStop(c.title), 120)}; ` +
    `${plural(c.device_ids.length, 'device')}, ${plural(c.observation_count, 'observation')}${assignee}.`
  );
}

export function summarizeCaseDetail(c: CaseDetail): string {
  const pending = c.actions.filter((a) => a.status === 'pending_approval').length;
  const actions = `${plural(c.actions.length, 'response action')}${pending ? ` (${pending} pending approval)` : ''}`;
  const summary = c.ai_summary?.status === 'ready' ? 'AI summary ready' : 'no AI summary yet';
  return `${summarizeCase(c).slice(0, -1)}; ${actions}; ${summary}.`;
}

export function summarizeDevice(d: Device): string {
  return (
    `Device ${d.id} ${d.hostname} (${d.os.name} ${d.os.version}) is ${d.status}: ` +
    `risk ${d.risk_score}/100, criticality ${d.criticality}, last seen ${d.last_seen_at}.`
  );
}

export function summarizeObservation(o: Observation): string {
  const where = [o.device_id && `on ${o.device_id}`, o.case_id && `in ${o.case_id}`].filter(
    Boolean,
  );
  return (
    `Observation ${o.id} (${o.severity}, ${o.source}, OCSF class ${o.ocsf.class_uid}): ` +
    `${clip(noStop(o.title), 120)}${where.length ? `; ${where.join(' ')}` : ''}; observed ${o.observed_at}.`
  );
}

function describeTarget(type: string, target: ActionTarget, caseId: string): string {
  if (target.script_id) {
    return `${type} ${target.script_id} on ${(target.device_ids ?? []).join(', ')}`;
  }
  if (target.device_id) return `${type} on ${target.device_id}`;
  if (target.user_id) return `${type} on ${target.user_id}`;
  if (target.ioc) return `${type} ${target.ioc.type} ${clip(target.ioc.value, 80)}`;
  return `${type} on ${caseId}`;
}

function actionState(a: Action): string {
  const decider = a.decided_by ? actor(a.decided_by) : 'someone';
  const comment = a.decision_comment ? `: ${clip(noStop(a.decision_comment), 120)}` : '';
  const outcome = a.result ? `: ${clip(noStop(a.result.message), 120)}` : '';
  switch (a.status) {
    case 'pending_approval':
      return `is pending approval: ${noStop(a.policy.reason)}; requested by ${actor(a.requested_by)}, expires ${a.expires_at}`;
    case 'approved':
      return `was approved by ${decider}${a.decided_at ? ` at ${a.decided_at}` : ''}${comment}`;
    case 'rejected':
      return `was rejected by ${decider}${comment}`;
    case 'expired':
      return `expired at ${a.expires_at} without a decision and will not run`;
    case 'executing':
      return `is running (requested by ${actor(a.requested_by)})`;
    case 'completed':
      return `completed${outcome}`;
    case 'failed':
      return `failed${outcome}`;
    case 'cancelled':
      return 'was cancelled';
  }
}

export function summarizeAction(a: Action): string {
  return `Response action ${a.id} (${describeTarget(a.type, a.target, a.case_id)}) ${actionState(a)}.`;
}

export function summarizeScript(s: Script): string {
  const kind = s.containment ? 'containment script (needs a human approval)' : 'collection script';
  return `Script ${s.id} "${s.name}" is a ${kind} for ${s.os_types.join(', ')}: ${clip(noStop(s.description), 160)}.`;
}

export function summarizeComment(c: Comment): string {
  return `Comment ${c.id} on ${c.case_id} by ${actor(c.author)} at ${c.created_at}: "${clip(c.body, 200)}"`;
}

export function summarizeSummary(s: CaseSummaryResponse): string {
  if (s.status !== 'ready' || !s.text)
    return `The AI summary of ${s.case_id} is still being generated.`;
  const assessment = s.severity_assessment
    ? `; assessed ${s.severity_assessment.severity} (confidence ${Math.round(s.severity_assessment.confidence * 100)}%)`
    : '';
  const recommended = s.recommended_actions.length
    ? `; recommends ${s.recommended_actions.map((r) => clip(noStop(r.description), 60)).join(', ')}`
    : '';
  return `AI summary of ${s.case_id}: ${clip(noStop(s.text), 240)}${assessment}${recommended}.`;
}

export function summarizeTrace(entries: TraceEntry[], verification: TraceVerification): string {
  const scope = entries[0]?.case_id ?? entries[0]?.tenant_id ?? 'the ledger';
  const count = entries.length === 1 ? '1 entry' : `${entries.length} entries`;
  if (!verification.valid) {
    return (
      `DecisionTrace of ${scope} is NOT intact: ${verification.problem ?? 'the chain is broken'} ` +
      `(checked ${verification.checked} of ${count}).`
    );
  }
  const last = entries.at(-1);
  const head = verification.head_hash ? ` (head ${verification.head_hash.slice(0, 12)}…)` : '';
  const latest = last ? `; latest: ${last.event} by ${actor(last.actor)} at ${last.at}` : '';
  return `DecisionTrace of ${scope}: ${count}, hash chain intact${head}${latest}.`;
}

/** Get Decision Trace's sentence: the tampering first, in plain words, when there is any. */
export function summarizeTraceAudit(
  entries: TraceEntry[],
  verification: TraceVerification,
  audit: TraceAudit,
): string {
  if (audit.tampering) return audit.tampering.message;
  const chain = summarizeTrace(entries, verification);
  if (!audit.verified) return `${chain} NOT verified: ${audit.problems.join('; ')}.`;
  const size = audit.checkpoint ? audit.checkpoint.tree_size : 0;
  return `${chain} Verified against the signed checkpoint of ${size} entries.`;
}

/** Only the host: a webhook URL's path or query may itself be a secret. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

export function summarizeWebhook(w: Webhook): string {
  const state =
    w.status === 'active' ? 'active' : `disabled (${w.disabled_reason ?? 'no reason given'})`;
  return `Webhook ${w.id} (${state}) sends ${w.events.join(', ')} to ${hostOf(w.url)}.`;
}

export function summarizeDelivery(d: Delivery): string {
  const what = `Delivery ${d.id} of ${d.event_type} (${d.event_id})`;
  const last = d.last_status_code ? `HTTP ${d.last_status_code}` : (d.last_error ?? 'no answer');
  const attempts = plural(d.attempts, 'attempt');
  if (d.status === 'succeeded') return `${what} succeeded after ${attempts} (${last}).`;
  if (d.status === 'failed')
    return `${what} failed after ${attempts} (last: ${clip(last, 120)}); it can be replayed.`;
  const next = d.next_attempt_at ? `, next attempt ${d.next_attempt_at}` : '';
  return `${what} is pending after ${attempts}${next}.`;
}

export function summarizePat(p: Pat): string {
  const used = p.last_used_at ? `last used ${p.last_used_at}` : 'never used';
  return (
    `Personal access token "${clip(p.name, 80)}" (${p.pat_id}) of ${p.owner} is ${p.status}: ` +
    `scopes ${p.scopes.join(', ')}; expires ${p.expiry_at}; ${used}.`
  );
}
