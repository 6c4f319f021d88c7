/**
 * Splits items into consecutive batches that each fit one request: at most `maxCount` items,
 * and a JSON body `{"<key>":[…]}` of at most `maxBytes` UTF-8 bytes. Returns the batches with
 * the index of each batch's first item, so errors can name an item by its place in the whole
 * list. An item that cannot fit even alone is named by `tooLarge`, and nothing is split.
 */
export function splitBatch<T>(
  items: readonly T[],
  limits: { key: string; maxCount: number; maxBytes: number },
): { batches: { start: number; items: T[] }[]; tooLarge: { index: number; bytes: number }[] } {
  // `{"key":[` and `]}`: the wrapper every batch's body carries.
  const overhead = Buffer.byteLength(JSON.stringify({ [limits.key]: [] }));
  const batches: { start: number; items: T[] }[] = [];
  const tooLarge: { index: number; bytes: number }[] = [];
  let current: { start: number; items: T[] } | undefined;
  let bytes = overhead;
  items.forEach((item, index) => {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (overhead + size > limits.maxBytes) {
      tooLarge.push({ index, bytes: size });
      return;
    }
    // A comma between items.
    const added = current && current.items.length > 0 ? size + 1 : size;
    if (!current || current.items.length >= limits.maxCount || bytes + added > limits.maxBytes) {
      current = { start: index, items: [] };
      batches.push(current);
      bytes = overhead;
    }
    bytes += current.items.length > 0 ? size + 1 : size;
    current.items.push(item);
  });
  return { batches, tooLarge };
}
