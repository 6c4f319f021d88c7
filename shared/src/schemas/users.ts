import { z } from 'zod';
import { TenantId, UserId } from './common';

export const UserStatus = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

/** A person in the tenant's directory: who disable_user and enable_user act on. */
export const User = z
  .looseObject({
    id: UserId,
    name: z.string(),
    email: z.string(),
    department: z.string(),
    status: UserStatus,
    tenant_id: TenantId,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserFilters = z.strictObject({
  status: UserStatus.optional().describe('Only users in this state.'),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type UserFilters = z.infer<typeof UserFilters>;
