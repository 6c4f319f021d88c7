import { notFound } from '../../http/errors';
import { page, type HandlerTable } from '../../http/handler';
import { telemetryPage } from '../../telemetry/telemetry-page';

type TelemetryHandlers = Pick<HandlerTable, 'listTelemetry'>;

export const telemetryHandlers: TelemetryHandlers = {
  listTelemetry: async (ctx, { query }) => {
    const { repos, telemetry, config } = ctx.services;
    if (query.device_id && !repos.devices.get(ctx.caller.tenantId, query.device_id)) {
      throw notFound('INVALID_ENDPOINT_ID', 'device_id', query.device_id, 'device');
    }
    const result = await telemetryPage(
      telemetry,
      ctx.caller.tenantId,
      query,
      config.queryTimeoutMs,
    );
    return page(result.items, result);
  },
};
