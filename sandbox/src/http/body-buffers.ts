/**
 * Buffers for large answers (a page of 1,000 observations is ~2 MB), kept and reused once
 * sent. On this kind of VM the kernel faults a fresh large allocation in page by page as it is
 * first written: filling a fresh 2 MiB buffer cost 4.1 ms of CPU, filling one already resident
 * 0.03 ms, more than reading the whole page from SQLite (issue 11, benchmark 8). A reused
 * buffer stays resident, so a page costs one copy of its bytes and one write to the socket.
 *
 * A buffer is given back only after the server handed its last byte to the socket; one whose
 * answer was never finished (the client went away) is left to the garbage collector, so no
 * byte still being sent can be overwritten by the next answer.
 */
export class BodyBuffers {
  private readonly free: Buffer<ArrayBuffer>[] = [];

  constructor(
    /** Free buffers kept at most; more are left to the garbage collector. */
    private readonly maxFree = 16,
    /** Larger buffers are never kept: a rare huge answer must not pin its memory. */
    private readonly maxKeptBytes = 16 * 1024 * 1024,
  ) {}

  /** A buffer of at least `bytes`, its content undefined: the caller writes all it sends. */
  take(bytes: number): Buffer<ArrayBuffer> {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const capacity = (this.free[i] as Buffer).length;
      if (capacity >= bytes && (best === -1 || capacity < (this.free[best] as Buffer).length)) {
        best = i;
      }
    }
    if (best !== -1) return this.free.splice(best, 1)[0] as Buffer<ArrayBuffer>;
    // Sizes rounded up to a power of two (at least 256 KiB), so pages of slightly different
    // sizes reuse the same buffers.
    let capacity = 256 * 1024;
    while (capacity < bytes) capacity *= 2;
    return Buffer.allocUnsafeSlow(capacity);
  }

  /** Keeps `buffer` for a later answer: call only once nothing reads it any more. */
  give(buffer: Buffer<ArrayBuffer>): void {
    if (buffer.length > this.maxKeptBytes) return;
    if (this.free.length >= this.maxFree) {
      // Keep the larger ones: a small answer fits in a large buffer, not the other way round.
      const smallest = this.free.reduce(
        (at, b, i) => (b.length < (this.free[at] as Buffer).length ? i : at),
        0,
      );
      if ((this.free[smallest] as Buffer).length >= buffer.length) return;
      this.free.splice(smallest, 1);
    }
    this.free.push(buffer);
  }
}
