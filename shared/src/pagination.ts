import type { Page, Pagination } from './schemas/common';

/** Fetches the page that starts at `cursor` (the first page when undefined). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/** One page of a list, with the way to the next one. */
export class CursorPage<T> implements Page<T> {
  readonly data: T[];
  readonly pagination: Pagination;

  constructor(
    page: Page<T>,
    private readonly fetchPage: PageFetcher<T>,
  ) {
    this.data = page.data;
    this.pagination = page.pagination;
  }

  hasNextPage(): boolean {
    return this.pagination.next_cursor !== null && this.pagination.next_cursor !== undefined;
  }

  async nextPage(): Promise<CursorPage<T>> {
    if (!this.hasNextPage()) throw new Error('This is the last page: check hasNextPage() first.');
    const next = await this.fetchPage(this.pagination.next_cursor as string);
    return new CursorPage(next, this.fetchPage);
  }
}

/**
 * What every `list()` returns. Awaiting it gives the first page; iterating it with `for await`
 * yields every item of every page, fetching a page only when the previous one is used up, so
 * only one page is ever held; `collect({ limit })` stops requesting once it has enough.
 * Nothing is sent until it is awaited or iterated.
 */
export class PagePromise<T> implements Promise<CursorPage<T>>, AsyncIterable<T> {
  readonly [Symbol.toStringTag] = 'PagePromise';
  private first: Promise<CursorPage<T>> | undefined;

  constructor(private readonly fetchPage: PageFetcher<T>) {}

  private firstPage(): Promise<CursorPage<T>> {
    this.first ??= this.fetchPage(undefined).then((page) => new CursorPage(page, this.fetchPage));
    return this.first;
  }

  then<R1 = CursorPage<T>, R2 = never>(
    onFulfilled?: ((page: CursorPage<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<R = never>(
    onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<CursorPage<T> | R> {
    return this.firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<CursorPage<T>> {
    return this.firstPage().finally(onFinally);
  }

  /** Every page in turn. */
  async *pages(): AsyncGenerator<CursorPage<T>, void, undefined> {
    let page: CursorPage<T> | undefined = await this.firstPage();
    // The iterator owns the pages from here: forget the memoised first one so it can be freed.
    this.first = undefined;
    while (page) {
      yield page;
      // Drop the reference before fetching, so the old page can be collected meanwhile.
      const current: CursorPage<T> = page;
      page = undefined;
      page = current.hasNextPage() ? await current.nextPage() : undefined;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Items across pages, at most `limit` of them (all when no limit). */
  async collect(options: { limit?: number } = {}): Promise<T[]> {
    const { limit } = options;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
      throw new RangeError('collect({ limit }) needs a whole number of items, 0 or more');
    }
    const items: T[] = [];
    if (limit === 0) return items;
    for await (const item of this) {
      items.push(item);
      if (limit !== undefined && items.length >= limit) break;
    }
    return items;
  }
}
