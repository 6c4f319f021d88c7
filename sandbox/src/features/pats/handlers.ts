import type { Pat, PatCreated, Scope } from '@senseon/client';
import { actorOf } from '../../auth/caller';
import { SCOPE_DESCRIPTIONS, ALL_SCOPES } from '../../auth/scopes';
import { generateTokenValue, hashTokenValue } from '../../auth/token-values';
import type { TokenRecord } from '../../db/tokens';
import { forbidden, notFound, validationError } from '../../http/errors';
import { noContent, ok, page, type HandlerTable, type RequestContext } from '../../http/handler';
import { newPatId } from '../../ids';

type PatHandlers = Pick<
  HandlerTable,
  'getMe' | 'listPatScopes' | 'createPat' | 'listPats' | 'listAllPats' | 'revokePat'
>;

function toPat(ctx: RequestContext, token: TokenRecord): Pat {
  const { clock } = ctx.services;
  return {
    pat_id: token.id,
    name: token.name,
    scopes: token.scopes,
    origins: token.origins,
    owner: token.principal,
    status:
      token.revoked_ms !== null ? 'revoked' : token.expiry_ms <= clock.now() ? 'expired' : 'active',
    expiry_at: clock.iso(token.expiry_ms),
    created_at: clock.iso(token.created_ms),
    last_used_at: token.last_used_ms === null ? null : clock.iso(token.last_used_ms),
    tenant_id: token.tenant_id,
  };
}

export const patHandlers: PatHandlers = {
  getMe: (ctx) => {
    const { repos, clock } = ctx.services;
    const { token } = ctx.caller;
    const tenantOf = (id: string) => {
      const tenant = repos.tenants.get(id);
      return { id, name: tenant?.name ?? id };
    };
    return ok({
      principal: ctx.caller.principal,
      token_name: token.name,
      scopes: token.scopes,
      origins: token.origins,
      tenant: tenantOf(ctx.caller.tenantId),
      tenants: token.tenants.map(tenantOf),
      expires_at: clock.iso(token.expiry_ms),
    });
  },

  listPatScopes: () =>
    ok({ data: ALL_SCOPES.map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] })) }),

  createPat: (ctx, { body }) => {
    const { db, repos, trace, clock } = ctx.services;
    const nowMs = clock.now();
    const expiryMs = Date.parse(body.expiry_at);
    if (expiryMs <= nowMs) throw validationError('expiry_at', 'must be in the future');
    const missing = body.scopes.filter((scope) => !ctx.caller.scopes.has(scope));
    if (missing.length > 0) {
      throw forbidden(
        `A token cannot grant scopes its creator lacks: ${missing.join(', ')}.`,
        missing.map((scope) => ({
          field: 'scopes',
          issue: `${scope} is not a scope of this token`,
        })),
      );
    }
    const origins = body.origins ? [...new Set(body.origins)] : ctx.caller.token.origins;
    // Like scopes: an agent's token cannot mint a token that passes for a person.
    const foreign = origins.filter((origin) => !ctx.caller.token.origins.includes(origin));
    if (foreign.length > 0) {
      throw forbidden(
        `A token cannot grant origins its creator lacks: ${foreign.join(', ')}.`,
        foreign.map((origin) => ({
          field: 'origins',
          issue: `${origin} is not an origin of this token`,
        })),
      );
    }
    const value = generateTokenValue();
    const record: TokenRecord = {
      id: newPatId(),
      name: body.name,
      // A personal token acts as the person who made it, in the tenant they made it for.
      principal: ctx.caller.principal,
      tenant_id: ctx.caller.tenantId,
      tenants: [ctx.caller.tenantId],
      scopes: [...new Set(body.scopes)] as Scope[],
      origins,
      expiry_ms: expiryMs,
      created_ms: nowMs,
      last_used_ms: null,
      revoked_ms: null,
    };
    db.transaction(() => {
      repos.tokens.insert(record, hashTokenValue(value));
      trace.append({
        tenantId: record.tenant_id,
        caseId: null,
        actor: actorOf(ctx.caller, 'human'),
        event: 'pat.created',
        details: {
          pat_id: record.id,
          name: record.name,
          scopes: record.scopes,
          origins: record.origins,
          expiry_at: body.expiry_at,
        },
      });
    });
    // The value is in this answer and nowhere else, ever.
    const created: PatCreated = { ...toPat(ctx, record), token: value };
    return ok(created, 201);
  },

  listPats: (ctx, { query }) => {
    const result = ctx.services.repos.tokens.page(
      { mine: ctx.caller.principal },
      query.limit,
      query.cursor,
    );
    return page(
      result.items.map((token) => toPat(ctx, token)),
      result,
    );
  },

  listAllPats: (ctx, { query }) => {
    const result = ctx.services.repos.tokens.page(
      { tenant: ctx.caller.tenantId },
      query.limit,
      query.cursor,
    );
    return page(
      result.items.map((token) => toPat(ctx, token)),
      result,
    );
  },

  revokePat: (ctx, { params }) => {
    const { db, repos, trace, clock } = ctx.services;
    const token = repos.tokens.byId(params.pat_id);
    const mine = token?.principal === ctx.caller.principal;
    const asAdmin = ctx.caller.scopes.has('pats:admin') && token?.tenant_id === ctx.caller.tenantId;
    // Someone else's token answers like an unknown one (seed 001: "does not belong to you").
    if (!token || !(mine || asAdmin)) {
      throw notFound('INVALID_PAT_ID', 'pat_id', params.pat_id, 'personal access token');
    }
    if (token.revoked_ms === null) {
      db.transaction(() => {
        repos.tokens.revoke(token.id, clock.now());
        trace.append({
          tenantId: token.tenant_id,
          caseId: null,
          actor: actorOf(ctx.caller, 'human'),
          event: 'pat.revoked',
          details: { pat_id: token.id, name: token.name, owner: token.principal },
        });
      });
    }
    return noContent();
  },
};
