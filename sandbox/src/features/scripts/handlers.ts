import { page, type HandlerTable } from '../../http/handler';
import { decodeCursor, encodeCursor, queryFingerprint } from '../../pagination/cursor';
import { publicScript, SCRIPT_CATALOG } from '../../scripts/catalog';

const DEFAULT_LIMIT = 100;

export const scriptHandlers: Pick<HandlerTable, 'listScripts'> = {
  // The catalog is the same for every tenant and small: paged by id, in memory.
  listScripts: (_ctx, { query }) => {
    const fingerprint = queryFingerprint('scripts', query);
    const after = query.cursor ? decodeCursor(query.cursor, fingerprint) : null;
    const matching = SCRIPT_CATALOG.filter(
      (script) => !query.os_type || script.os_types.includes(query.os_type),
    ).sort((a, b) => a.id.localeCompare(b.id));
    const rest = after ? matching.filter((script) => script.id > String(after.id)) : matching;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rest.length > limit && last
        ? encodeCursor({ key: last.id, id: last.id, total: matching.length }, fingerprint)
        : null;
    return page(items.map(publicScript), { nextCursor, totalItems: matching.length });
  },
};
