import { SCOPES, type Scope } from '@senseon/client';

/** What each scope allows, for `GET /senseonapi/caa/pats/scopes` and the docs. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'cases:read': 'Read cases, their comments, summaries and response actions.',
  'cases:write': 'Update cases (status, severity, assignee, tags) and comment on them.',
  'devices:read': 'Read devices and their state.',
  'observations:read': 'Read observations (OCSF events).',
  'observations:write': 'Write observations; SenseOn grants it only after a review.',
  'actions:request': 'Request response actions; the Guardrails policy decides which need approval.',
  'actions:approve': 'Approve or reject response actions requested by someone else.',
  'actions:approve_critical':
    'Approve containment of crown-jewel devices (step-up on top of actions:approve).',
  'summaries:write': 'Generate AI case summaries.',
  'webhooks:manage': 'Create, list, test and delete webhook subscriptions; replay deliveries.',
  'trace:read': 'Read the DecisionTrace ledger.',
  'pats:admin': "List every user's personal access tokens and revoke any of them.",
  'telemetry:read': 'Read raw telemetry, and run, read and cancel hunts over it.',
};

export const ALL_SCOPES: Scope[] = [...SCOPES];

export const READ_SCOPES: Scope[] = [
  'cases:read',
  'devices:read',
  'observations:read',
  'trace:read',
];

/** The tokens a sandbox makes unless given: one principal each, so approvals need two people. */
export const DEFAULT_TOKEN_SCOPES = {
  admin: ALL_SCOPES,
  analyst: [
    'cases:read',
    'cases:write',
    'devices:read',
    'observations:read',
    'actions:request',
    'summaries:write',
    'webhooks:manage',
    'trace:read',
    'telemetry:read',
  ],
  approver: [...READ_SCOPES, 'actions:approve'],
  readonly: READ_SCOPES,
} as const satisfies Record<string, readonly Scope[]>;

export type DefaultTokenName = keyof typeof DEFAULT_TOKEN_SCOPES;

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
