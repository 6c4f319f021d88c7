import { BodyBuffers } from '../src/http/body-buffers';

describe('BodyBuffers', () => {
  it('gives a buffer at least as large as asked, rounded up to a power of two', () => {
    const buffers = new BodyBuffers();
    expect(buffers.take(10).length).toBe(256 * 1024);
    expect(buffers.take(2_021_888).length).toBe(2 * 1024 * 1024);
  });

  it('reuses a buffer given back, and only one large enough', () => {
    const buffers = new BodyBuffers();
    const small = buffers.take(1000);
    buffers.give(small);
    // Too small for 1 MiB: a new one.
    const large = buffers.take(1024 * 1024);
    expect(large).not.toBe(small);
    expect(buffers.take(1000)).toBe(small);
    buffers.give(large);
    expect(buffers.take(600 * 1024)).toBe(large);
  });

  it('keeps neither a buffer over its size limit nor more than its count', () => {
    const buffers = new BodyBuffers(1, 512 * 1024);
    const huge = buffers.take(1024 * 1024);
    buffers.give(huge);
    expect(buffers.take(1024 * 1024)).not.toBe(huge);
    const first = buffers.take(1000);
    const second = buffers.take(1000);
    buffers.give(first);
    buffers.give(second);
    const again = buffers.take(1000);
    expect([first, second]).toContain(again);
    expect(buffers.take(1000)).not.toBe(again);
  });
});
