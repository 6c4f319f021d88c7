import type { E2eContext } from './context';
export async function zapierPart(_ctx: E2eContext): Promise<void> {}
