import type { EndpointId } from '@senseon/client';
import type { Caller } from '../auth/caller';
import { undeclaredOrigin } from '../auth/origins';
import type { SandboxDatabase } from '../db/database';
import type { Repositories } from '../db/repositories';
import type { TokenRecord } from '../db/tokens';
import { ApiError } from '../http/errors';
import type { DecisionTrace } from '../trace/ledger';

interface RefusalTraceDeps {
  db: SandboxDatabase;
  repos: Repositories;
  trace: DecisionTrace;
}

/** The ids a request names in its path, as routed. */
export type PathIds = Partial<Record<'case_id' | 'action_id', string>>;

/** The event a refused attempt is recorded as, in the SOC's words; anything else is `request.refused`. */
const REFUSAL_EVENT: Partial<Record<EndpointId, string>> = {
  updateCase: 'case.update_refused',
  createComment: 'case.comment_refused',
  generateSummary: 'summary.request_refused',
  requestAction: 'action.request_refused',
  approveAction: 'action.approval_refused',
  rejectAction: 'action.rejection_refused',
};

/** Where an entry goes: the chain of the case it is about, else its tenant's chain. */
interface Chain {
  tenantId: string;
  caseId: string | null;
  action?: { id: string; type: string };
}

/**
 * Records refused attempts the handlers never see: a token without the endpoint's scope, a
 * token asking for a tenant it may not act for, and a case or action of another tenant (answered
 * 404 like an unknown one, so ids never leak; the owning case's chain still keeps the attempt).
 * Each refusal is its own transaction, committed before the error is answered. Entries carry
 * ids, codes and the scope or tenant at issue; never a token, a header or a body.
 */
export class RefusalTrace {
  constructor(private readonly deps: RefusalTraceDeps) {}

  missingScope(caller: Caller, endpoint: EndpointId, ids: PathIds, scope: string): void {
    const chain = this.ownChain(caller.tenantId, ids) ?? {
      tenantId: caller.tenantId,
      caseId: null,
    };
    this.record(caller.token, endpoint, chain, {
      status: 403,
      code: 'FORBIDDEN',
      reason: 'missing_scope',
      scope,
    });
  }

  /** `X-SenseOn-Tenant` named a tenant the token may not act for: kept in the token's own tenant. */
  foreignTenantHeader(token: TokenRecord, endpoint: EndpointId, tenant: string): void {
    this.record(
      token,
      endpoint,
      { tenantId: token.tenant_id, caseId: null },
      { status: 403, code: 'FORBIDDEN', reason: 'foreign_tenant', tenant },
    );
  }

  /** After a 404 on a case or action: if it is another tenant's, the attempt lands in its case. */
  foreignTarget(caller: Caller, endpoint: EndpointId, ids: PathIds, error: unknown): void {
    if (!(error instanceof ApiError)) return;
    if (error.code !== 'INVALID_CASE_ID' && error.code !== 'INVALID_ACTION_ID') return;
    for (const tenant of this.deps.repos.tenants.list()) {
      if (tenant.id === caller.tenantId) continue;
      const chain = this.ownChain(tenant.id, ids);
      if (!chain) continue;
      this.record(caller.token, endpoint, chain, {
        status: error.status,
        code: error.code,
        reason: 'foreign_tenant',
        tenant: caller.tenantId,
      });
      return;
    }
  }

  /** The case chain the ids point at within one tenant, or null. */
  private ownChain(tenantId: string, ids: PathIds): Chain | null {
    const { repos } = this.deps;
    if (ids.action_id !== undefined) {
      const action = repos.actions.get(tenantId, ids.action_id);
      return action
        ? { tenantId, caseId: action.case_id, action: { id: action.id, type: action.type } }
        : null;
    }
    if (ids.case_id !== undefined && repos.cases.get(tenantId, ids.case_id)) {
      return { tenantId, caseId: ids.case_id };
    }
    return null;
  }

  private record(
    token: TokenRecord,
    endpoint: EndpointId,
    chain: Chain,
    details: Record<string, unknown>,
  ): void {
    const { db, trace } = this.deps;
    db.transaction(() => {
      trace.append({
        tenantId: chain.tenantId,
        caseId: chain.caseId,
        actor: { principal: token.principal, origin: undeclaredOrigin(token) },
        event: REFUSAL_EVENT[endpoint] ?? 'request.refused',
        details: {
          operation: endpoint,
          ...(chain.action ? { action_id: chain.action.id, type: chain.action.type } : {}),
          ...details,
        },
      });
    });
  }
}
