/**
 * The sandbox's tables. Each resource keeps its whole API object in `doc` (JSON) and copies the
 * fields that lists filter and sort on into columns, with times as epoch milliseconds so keyset
 * cursors compare numbers rather than strings in mixed formats.
 */
export const SCHEMA_VERSION = 4;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  mssp INTEGER NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  status TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_tenant ON users (tenant_id);

CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  hostname TEXT NOT NULL,
  status TEXT NOT NULL,
  os_type TEXT NOT NULL,
  risk_score INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS devices_tenant_hostname ON devices (tenant_id, hostname, id);

CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  severity_rank INTEGER NOT NULL,
  status TEXT NOT NULL,
  assignee TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_tenant_created ON cases (tenant_id, created_ms, id);
CREATE INDEX IF NOT EXISTS cases_tenant_updated ON cases (tenant_id, updated_ms, id);

CREATE TABLE IF NOT EXISTS observations (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  observed_ms INTEGER NOT NULL,
  -- When it was stored, and its place in the order of storage (never reordered by event time).
  ingested_ms INTEGER NOT NULL,
  ingest_seq INTEGER NOT NULL,
  device_id TEXT,
  case_id TEXT,
  source TEXT NOT NULL,
  class_uid INTEGER NOT NULL,
  severity_rank INTEGER NOT NULL,
  entities TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS observations_tenant_time ON observations (tenant_id, observed_ms, id);
CREATE INDEX IF NOT EXISTS observations_case ON observations (case_id, observed_ms, id);
CREATE INDEX IF NOT EXISTS observations_tenant_ingested ON observations (tenant_id, ingest_seq);
CREATE INDEX IF NOT EXISTS observations_ingested ON observations (ingest_seq);

CREATE TABLE IF NOT EXISTS comments (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  created_ms INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_case ON comments (case_id, created_ms, id);

CREATE TABLE IF NOT EXISTS actions (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  type TEXT NOT NULL,
  callback_secret TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_tenant_created ON actions (tenant_id, created_ms, id);
CREATE INDEX IF NOT EXISTS actions_status ON actions (status, expires_ms);

CREATE TABLE IF NOT EXISTS iocs (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  added_ms INTEGER NOT NULL,
  action_id TEXT,
  case_id TEXT,
  PRIMARY KEY (tenant_id, type, value)
);

CREATE TABLE IF NOT EXISTS summaries (
  case_id TEXT PRIMARY KEY REFERENCES cases(id),
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  status TEXT NOT NULL,
  ready_ms INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  doc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  principal TEXT NOT NULL,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  tenants TEXT NOT NULL,
  scopes TEXT NOT NULL,
  origins TEXT NOT NULL,
  expiry_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  last_used_ms INTEGER,
  revoked_ms INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_principal ON tokens (principal, created_ms, id);
CREATE INDEX IF NOT EXISTS tokens_tenant ON tokens (tenant_id, created_ms, id);

CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  created_ms INTEGER NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  description TEXT NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  disabled_reason TEXT,
  deleted_ms INTEGER
);
CREATE INDEX IF NOT EXISTS webhooks_tenant ON webhooks (tenant_id, created_ms, id);

CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  type TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  -- The order events were emitted in: \`GET /events\` lists them by it.
  seq INTEGER NOT NULL,
  test INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_tenant_seq ON events (tenant_id, seq);
CREATE INDEX IF NOT EXISTS events_seq ON events (seq);

-- A delivery goes to a webhook subscription, or to the callback_url of one response action.
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  webhook_id TEXT REFERENCES webhooks(id),
  action_id TEXT REFERENCES actions(id),
  event_id TEXT NOT NULL REFERENCES events(id),
  event_type TEXT NOT NULL,
  url TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_status_code INTEGER,
  last_error TEXT,
  next_attempt_ms INTEGER,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_ms);
CREATE INDEX IF NOT EXISTS deliveries_webhook ON deliveries (webhook_id, created_ms, id);

-- Receipt state for receivers (POST /webhooks/{id}/claims): the primary key makes a claim atomic.
CREATE TABLE IF NOT EXISTS event_claims (
  webhook_id TEXT NOT NULL REFERENCES webhooks(id),
  event_id TEXT NOT NULL REFERENCES events(id),
  claimed_ms INTEGER NOT NULL,
  -- The delivery attempt (its X-SenseOn-Delivery-Attempt) the claim was made under, if given.
  attempt_id TEXT,
  PRIMARY KEY (webhook_id, event_id)
);

-- Responses kept for Idempotency-Key replays; the body is encrypted with a key only the
-- caller can derive (its token and the idempotency key), so no secret sits here in clear.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  token_id TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER,
  response TEXT,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (token_id, key)
);

-- The DecisionTrace: one hash chain per case, one per tenant for entries outside any case.
CREATE TABLE IF NOT EXISTS trace_entries (
  seq INTEGER PRIMARY KEY,
  chain_key TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  case_id TEXT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trace_chain ON trace_entries (chain_key, seq);

-- Append-only, enforced by the database itself: the triggers are created by
-- trace/ledger-guards.ts, which also notices when one was dropped.
`;
