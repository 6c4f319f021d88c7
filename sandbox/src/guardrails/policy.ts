import { CONTAINMENT_ACTIONS, type ActionType, type Origin } from '@senseon/client';

export interface PolicyDecision {
  requiresApproval: boolean;
  rule: string;
  reason: string;
}

/**
 * The default Guardrails policy (contract): containment always waits for a human, and so does
 * anything an AI agent asks; the rest runs at once. Containment is checked first because it
 * holds whoever asks.
 */
export function decidePolicy(
  type: ActionType,
  origin: Origin,
  script?: { name: string; containment: boolean },
): PolicyDecision {
  if (CONTAINMENT_ACTIONS.includes(type)) {
    return {
      requiresApproval: true,
      rule: 'containment_requires_approval',
      reason: `${type} cuts a device or a person off, so a human must approve it first.`,
    };
  }
  // A script is containment when the catalog says so (kill, quarantine, block): same rule.
  if (type === 'run_script' && script?.containment !== false) {
    return {
      requiresApproval: true,
      rule: 'containment_requires_approval',
      reason: `${script?.name ?? 'This script'} is a containment script: it cuts a process, a file, an address or a session off, so a human must approve it first.`,
    };
  }
  if (origin === 'agent') {
    return {
      requiresApproval: true,
      rule: 'agent_requires_approval',
      reason: 'An AI agent asked for this action; every agent action waits for a human decision.',
    };
  }
  if (type === 'release_device' || type === 'enable_user') {
    return {
      requiresApproval: false,
      rule: 'restore_runs_immediately',
      reason: `${type} gives back access that containment took away, so it runs at once.`,
    };
  }
  if (type === 'run_script') {
    return {
      requiresApproval: false,
      rule: 'collection_runs_immediately',
      reason: `${script?.name ?? 'The script'} only collects evidence, and ${origin === 'human' ? 'a person' : 'an automation'} asked, so it runs at once.`,
    };
  }
  return {
    requiresApproval: false,
    rule: 'low_impact_runs_immediately',
    reason: `${type} requested by ${origin === 'human' ? 'a person' : 'an automation'} is low impact and runs at once.`,
  };
}
