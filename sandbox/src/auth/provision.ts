import type { Origin, Scope } from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { TokenSpec } from '../config';
import type { Repositories } from '../db/repositories';
import type { TenantRecord } from '../db/tenants';
import type { TokenRecord } from '../db/tokens';
import { newPatId } from '../ids';
import { ALL_ORIGINS, DEFAULT_TOKEN_ORIGINS } from './origins';
import { DEFAULT_TOKEN_SCOPES, isScope, type DefaultTokenName } from './scopes';
import { generateTokenValue, hashTokenValue } from './token-values';

const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface ProvisionedTokens {
  admin: string;
  analyst: string;
  approver: string;
  readonly: string;
  [name: string]: string;
}

/** The tenant a token works in when it names none: the first customer (the MSSP holds no data). */
export function primaryTenant(tenants: TenantRecord[]): TenantRecord {
  const primary = tenants.find((t) => !t.mssp) ?? tenants[0];
  if (!primary) throw new Error('the sandbox has no tenants; the seed did not load');
  return primary;
}

function checkSpec(spec: TokenSpec, tenants: TenantRecord[]): void {
  if (!/^\S{8,512}$/.test(spec.value)) {
    throw new Error(`token ${spec.name ?? ''}: the value must be 8–512 characters without spaces`);
  }
  for (const scope of spec.scopes) {
    if (!isScope(scope)) throw new Error(`token ${spec.name ?? ''}: unknown scope ${scope}`);
  }
  for (const tenant of spec.tenants ?? []) {
    if (!tenants.some((t) => t.id === tenant)) {
      throw new Error(`token ${spec.name ?? ''}: unknown tenant ${tenant}`);
    }
  }
}

/**
 * The tokens a sandbox answers to: admin, analyst, approver and readonly (each its own
 * principal, so one can request and another approve), plus any given. Values given are
 * stored hashed and refreshed on every start; values generated are new on every start.
 */
export function provisionTokens(
  repos: Repositories,
  clock: SandboxClock,
  adminToken: string | null,
  specs: TokenSpec[],
): ProvisionedTokens {
  const tenants = repos.tenants.list();
  const primary = primaryTenant(tenants);
  const everyTenant = [primary.id, ...tenants.filter((t) => t.id !== primary.id).map((t) => t.id)];
  const nowMs = clock.now();
  const wanted = new Map<string, TokenSpec & { given: boolean; origins: Origin[] }>();

  const defaults: DefaultTokenName[] = ['admin', 'analyst', 'approver', 'readonly'];
  for (const name of defaults) {
    wanted.set(name, {
      name,
      value: name === 'admin' && adminToken ? adminToken : generateTokenValue(),
      scopes: [...DEFAULT_TOKEN_SCOPES[name]],
      origins: DEFAULT_TOKEN_ORIGINS[name],
      tenants: name === 'admin' ? everyTenant : [primary.id],
      given: name === 'admin' && adminToken !== null,
    });
  }
  specs.forEach((spec, index) => {
    const name = spec.name ?? `token-${index + 1}`;
    checkSpec(spec, tenants);
    wanted.set(name, { ...spec, name, given: true, origins: ALL_ORIGINS });
  });

  const out: Record<string, string> = {};
  for (const [name, spec] of wanted) {
    const tokenTenants = spec.tenants?.length ? spec.tenants : [primary.id];
    const record: TokenRecord = {
      id: newPatId(),
      name,
      principal: name,
      tenant_id: tokenTenants[0] as string,
      tenants: tokenTenants,
      scopes: spec.scopes as Scope[],
      origins: spec.origins,
      expiry_ms: nowMs + YEAR_MS,
      created_ms: nowMs,
      last_used_ms: null,
      revoked_ms: null,
    };
    const hash = hashTokenValue(spec.value);
    if (spec.given) repos.tokens.upsert(record, hash);
    else repos.tokens.insert(record, hash);
    out[name] = spec.value;
  }
  return out as ProvisionedTokens;
}
