import type { ObservationCreate } from '@senseon/client';
import { notFound } from '../../http/errors';
import { ok, docPage, type HandlerTable, type RequestContext } from '../../http/handler';
import { newId } from '../../ids';
import { recordObservations, type NewObservation } from '../../detections/record';

type ObservationHandlers = Pick<
  HandlerTable,
  'listObservations' | 'getObservation' | 'createObservations'
>;

export const observationHandlers: ObservationHandlers = {
  listObservations: (ctx, { query }) => {
    const result = ctx.services.repos.observations.page(ctx.caller.tenantId, query);
    return docPage(result);
  },

  getObservation: (ctx, { params }) => {
    const observation = ctx.services.repos.observations.get(
      ctx.caller.tenantId,
      params.observation_id,
    );
    if (!observation) {
      throw notFound('NOT_FOUND', 'observation_id', params.observation_id, 'observation');
    }
    return ok(observation);
  },

  createObservations: (ctx, { body }) => {
    const batch = 'observations' in body;
    const inputs: ObservationCreate[] = 'observations' in body ? body.observations : [body];
    const observations = inputs.map((input, index) =>
      toObservation(ctx, input, batch ? `observations.${index}.` : ''),
    );
    const stored = recordObservations(ctx.services, observations);
    return ok(batch ? { data: stored } : stored[0], 201);
  },
};

/** Checks the references of one new observation and gives it its id and tenant. */
function toObservation(
  ctx: RequestContext,
  input: ObservationCreate,
  field: string,
): NewObservation {
  const { repos, clock } = ctx.services;
  const tenantId = ctx.caller.tenantId;
  if (input.device_id && !repos.devices.get(tenantId, input.device_id)) {
    throw notFound('INVALID_ENDPOINT_ID', `${field}device_id`, input.device_id, 'device');
  }
  if (input.case_id && !repos.cases.get(tenantId, input.case_id)) {
    throw notFound('INVALID_CASE_ID', `${field}case_id`, input.case_id, 'case');
  }
  return {
    id: newId('obs'),
    observed_at: clock.iso(input.observed_at ? Date.parse(input.observed_at) : clock.now()),
    source: input.source,
    severity: input.severity,
    title: input.title,
    device_id: input.device_id ?? null,
    case_id: input.case_id ?? null,
    ocsf: input.ocsf,
    tenant_id: tenantId,
  };
}
