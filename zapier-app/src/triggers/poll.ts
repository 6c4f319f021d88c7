import type { Bundle } from 'zapier-platform-core';

/** Enough recent items for Zapier's dedupe, more when it asks (first run fills the dedupe list). */
export function pollLimit(bundle: Bundle, normal = 50): number {
  const asked = bundle.meta?.limit;
  if (bundle.meta?.isPopulatingDedupe) return 100;
  if (typeof asked === 'number' && asked > 0) return Math.min(asked, 100);
  return normal;
}
