import type { Comment } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { fromDoc, toMs, type DocRow } from './rows';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

export class CommentRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(tenantId: string, comment: Comment): void {
    this.db
      .prepare(
        'INSERT INTO comments (id, tenant_id, case_id, created_ms, doc) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        comment.id,
        tenantId,
        comment.case_id,
        toMs(comment.created_at),
        JSON.stringify(comment),
      );
  }

  /** Oldest first, like a conversation. */
  page(caseId: string, limit?: number, cursor?: string) {
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `comments:${caseId}`,
      filters: {},
      from: 'comments',
      where: ['case_id = ?'],
      params: [caseId],
      sortColumn: 'created_ms',
      direction: 'asc',
      limit,
      cursor,
      select: `id, created_ms, ${DOC_BYTES}`,
    });
    return DocPage.of<Comment>(page);
  }

  forCase(caseId: string): Comment[] {
    const rows = this.db
      .prepare('SELECT doc FROM comments WHERE case_id = ? ORDER BY created_ms, id')
      .all(caseId) as DocRow[];
    return rows.map((row) => fromDoc<Comment>(row));
  }
}
