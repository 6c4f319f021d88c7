import { forbidden, notFound } from '../../http/errors';
import { ok, docPage, type HandlerTable } from '../../http/handler';

export const deviceHandlers: Pick<HandlerTable, 'listDevices' | 'getDevice'> = {
  listDevices: (ctx, { query }) => {
    // `tenant_id` picks another of the caller's tenants, like X-SenseOn-Tenant does.
    const tenantId = query.tenant_id ?? ctx.caller.tenantId;
    if (!ctx.caller.token.tenants.includes(tenantId)) {
      throw forbidden(`This token cannot act for tenant ${tenantId}.`, [
        { field: 'tenant_id', issue: 'is not a tenant this token may act for' },
      ]);
    }
    const result = ctx.services.repos.devices.page(tenantId, query);
    return docPage(result);
  },

  getDevice: (ctx, { params }) => {
    const device = ctx.services.repos.devices.get(ctx.caller.tenantId, params.device_id);
    if (!device) throw notFound('INVALID_ENDPOINT_ID', 'device_id', params.device_id, 'device');
    return ok(device);
  },
};
