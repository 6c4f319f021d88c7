import {
  optionLabel,
  type Action,
  type Case,
  type CursorPage,
  type Device,
  type PagePromise,
  type User,
} from '@senseon/client';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';
import { handled } from '../errors';

/** Items per dropdown page: enough to scroll, small enough to answer fast. */
const PAGE_SIZE = 50;

/**
 * One page of a dynamic dropdown. Zapier asks for page 0, 1, 2…; the API pages by cursor, so
 * the next cursor is kept in Zapier's cursor store between the calls.
 */
async function dropdownPage<T>(
  z: ZObject,
  bundle: Bundle,
  list: (cursor: string | undefined) => PagePromise<T>,
): Promise<T[]> {
  const page = bundle.meta?.page ?? 0;
  const cursor = page > 0 ? await z.cursor.get() : undefined;
  if (page > 0 && !cursor) return [];
  const result: CursorPage<T> = await list(cursor || undefined);
  await z.cursor.set(result.pagination.next_cursor ?? '');
  return result.data;
}

const caseLabel = (c: Case) => `${c.title} (${c.severity}, ${c.status}) · ${c.id}`;
const deviceLabel = (d: Device) =>
  `${d.hostname} (${d.os.name}, ${d.status}${d.ip_addresses[0] ? `, ${d.ip_addresses[0]}` : ''}) · ${d.id}`;
const userLabel = (u: User) =>
  `${u.name} (${u.email}, ${u.department}${u.status === 'disabled' ? ', disabled' : ''}) · ${u.id}`;
const actionLabel = (a: Action) => {
  const target = a.target.device_id ?? a.target.user_id ?? a.target.ioc?.value ?? a.case_id;
  return `${optionLabel(a.type)} ${target} on ${a.case_id}, requested by ${a.requested_by.principal} · ${a.id}`;
};

export const caseList = defineTrigger({
  key: 'case_list',
  noun: 'Case',
  display: { label: 'Cases (dropdown)', description: 'Fills the Case dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: handled(async (z: ZObject, bundle: Bundle) => {
      const cases = await dropdownPage(z, bundle, (cursor) =>
        clientFor(z, bundle).cases.list({ sort: '-created_at', limit: PAGE_SIZE, cursor }),
      );
      return cases.map((c) => ({ id: c.id, label: caseLabel(c) }));
    }),
  },
});

export const deviceList = defineTrigger({
  key: 'device_list',
  noun: 'Device',
  display: {
    label: 'Devices (dropdown)',
    description: 'Fills the Device dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: handled(async (z: ZObject, bundle: Bundle) => {
      const devices = await dropdownPage(z, bundle, (cursor) =>
        clientFor(z, bundle).devices.list({ limit: PAGE_SIZE, cursor }),
      );
      return devices.map((d) => ({ id: d.id, label: deviceLabel(d) }));
    }),
  },
});

export const pendingActionList = defineTrigger({
  key: 'pending_action_list',
  noun: 'Response Action',
  display: {
    label: 'Pending Response Actions (dropdown)',
    description: 'Fills the Response Action dropdowns with actions awaiting approval.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: handled(async (z: ZObject, bundle: Bundle) => {
      const actions = await dropdownPage(z, bundle, (cursor) =>
        clientFor(z, bundle).actions.list({ status: 'pending_approval', limit: PAGE_SIZE, cursor }),
      );
      return actions.map((a) => ({ id: a.id, label: actionLabel(a) }));
    }),
  },
});

/** Fills Target User: people by name, so no one types a `usr_` id (`GET /users`). */
export const userList = defineTrigger({
  key: 'user_list',
  noun: 'User',
  display: { label: 'Users (dropdown)', description: 'Fills the User dropdowns.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: handled(async (z: ZObject, bundle: Bundle) => {
      const users = await dropdownPage(z, bundle, (cursor) =>
        clientFor(z, bundle).users.list({ limit: PAGE_SIZE, cursor }),
      );
      return users.map((u) => ({ id: u.id, label: userLabel(u) }));
    }),
  },
});
