import type { Origin, Scope } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { keysetPage } from '../pagination/keyset';

/** A personal access token as stored: only the SHA-256 of its value, never the value. */
export interface TokenRecord {
  id: string;
  name: string;
  /** The analyst or integration the token acts as; approvals compare principals. */
  principal: string;
  /** The token's own tenant, used when a request names none. */
  tenant_id: string;
  /** Every tenant it may act for (MSSP keys have several). */
  tenants: string[];
  scopes: Scope[];
  /** The origins a request made with it may declare: an agent's token cannot pass for a person. */
  origins: Origin[];
  expiry_ms: number;
  created_ms: number;
  last_used_ms: number | null;
  revoked_ms: number | null;
}

interface TokenRow {
  id: string;
  token_hash: string;
  name: string;
  principal: string;
  tenant_id: string;
  tenants: string;
  scopes: string;
  origins: string;
  expiry_ms: number;
  created_ms: number;
  last_used_ms: number | null;
  revoked_ms: number | null;
  [column: string]: unknown;
}

function fromRow(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    principal: row.principal,
    tenant_id: row.tenant_id,
    tenants: JSON.parse(row.tenants) as string[],
    scopes: JSON.parse(row.scopes) as Scope[],
    origins: JSON.parse(row.origins) as Origin[],
    expiry_ms: row.expiry_ms,
    created_ms: row.created_ms,
    last_used_ms: row.last_used_ms,
    revoked_ms: row.revoked_ms,
  };
}

export class TokenRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(token: TokenRecord, tokenHash: string): void {
    this.db
      .prepare(
        `INSERT INTO tokens (id, token_hash, name, principal, tenant_id, tenants, scopes, origins, expiry_ms, created_ms, last_used_ms, revoked_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        token.id,
        tokenHash,
        token.name,
        token.principal,
        token.tenant_id,
        JSON.stringify(token.tenants),
        JSON.stringify(token.scopes),
        JSON.stringify(token.origins),
        token.expiry_ms,
        token.created_ms,
        token.last_used_ms,
        token.revoked_ms,
      );
  }

  /** A configured token (`--token`, `adminToken`) given again on a restart: refresh it. */
  upsert(token: TokenRecord, tokenHash: string): TokenRecord {
    const existing = this.byHash(tokenHash);
    if (!existing) {
      this.insert(token, tokenHash);
      return token;
    }
    this.db
      .prepare(
        `UPDATE tokens SET name = ?, principal = ?, tenant_id = ?, tenants = ?, scopes = ?, origins = ?, expiry_ms = ?, revoked_ms = NULL WHERE id = ?`,
      )
      .run(
        token.name,
        token.principal,
        token.tenant_id,
        JSON.stringify(token.tenants),
        JSON.stringify(token.scopes),
        JSON.stringify(token.origins),
        token.expiry_ms,
        existing.id,
      );
    return { ...token, id: existing.id, created_ms: existing.created_ms };
  }

  byHash(tokenHash: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE token_hash = ?').get(tokenHash) as
      TokenRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  byId(id: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as
      TokenRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  touch(id: string, atMs: number): void {
    this.db.prepare('UPDATE tokens SET last_used_ms = ? WHERE id = ?').run(atMs, id);
  }

  revoke(id: string, atMs: number): void {
    this.db.prepare('UPDATE tokens SET revoked_ms = ? WHERE id = ?').run(atMs, id);
  }

  /** Newest first: one principal's tokens (`mine`), or every token of a tenant (`tenant`). */
  page(scope: { mine: string } | { tenant: string }, limit?: number, cursor?: string) {
    const [where, param] =
      'mine' in scope ? ['principal = ?', scope.mine] : ['tenant_id = ?', scope.tenant];
    const page = keysetPage<TokenRow>(this.db, {
      list: `pats:${where}:${param}`,
      filters: {},
      from: 'tokens',
      where: [where],
      params: [param],
      sortColumn: 'created_ms',
      direction: 'desc',
      limit,
      cursor,
    });
    return { ...page, items: page.rows.map(fromRow) };
  }
}
