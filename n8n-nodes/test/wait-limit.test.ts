import { expiresInFor } from '../nodes/SenseOn/approval/wait-limit';

/** The approval request's expiry under Limit Wait Time: never later than the limit. */
describe('expiresInFor', () => {
  const now = Date.parse('2026-11-30T09:00:00Z');
  const inSeconds = (seconds: number) => new Date(now + seconds * 1000);

  it('expires at the limit when no expiry was asked for', () => {
    expect(expiresInFor(inSeconds(45 * 60), now)).toBe(2700);
  });

  it('shortens an asked expiry that would outlive the wait to the limit', () => {
    expect(expiresInFor(inSeconds(60), now, 3600)).toBe(60);
    expect(expiresInFor(inSeconds(2 * 3600), now, 604_800)).toBe(7200);
  });

  it('keeps an asked expiry that ends before the limit', () => {
    expect(expiresInFor(inSeconds(3600), now, 600)).toBe(600);
  });

  it('rounds down, so a limit part-way through a second is not passed', () => {
    expect(expiresInFor(new Date(now + 90_999), now)).toBe(90);
  });

  it('stays within the API’s longest expiry (7 days): the request then expires first', () => {
    expect(expiresInFor(inSeconds(30 * 86_400), now)).toBe(604_800);
    expect(expiresInFor(inSeconds(30 * 86_400), now, 700_000)).toBe(604_800);
  });
});
