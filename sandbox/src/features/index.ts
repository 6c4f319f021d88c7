import type { HandlerTable } from '../http/handler';
import { actionHandlers } from './actions/handlers';
import { caseHandlers } from './cases/handlers';
import { deviceHandlers } from './devices/handlers';
import { eventHandlers } from './events/handlers';
import { huntHandlers } from './hunts/handlers';
import { observationHandlers } from './observations/handlers';
import { patHandlers } from './pats/handlers';
import { scriptHandlers } from './scripts/handlers';
import { streamHandlers } from './stream/handlers';
import { summaryHandlers } from './summaries/handlers';
import { telemetryHandlers } from './telemetry/handlers';
import { traceHandlers } from './trace/handlers';
import { userHandlers } from './users/handlers';
import { webhookHandlers } from './webhooks/handlers';

/** Every endpoint of the contract's table, answered. A missing one does not compile. */
export const HANDLERS: HandlerTable = {
  ...caseHandlers,
  ...summaryHandlers,
  ...traceHandlers,
  ...actionHandlers,
  ...deviceHandlers,
  ...userHandlers,
  ...observationHandlers,
  ...eventHandlers,
  ...webhookHandlers,
  ...patHandlers,
  ...telemetryHandlers,
  ...huntHandlers,
  ...scriptHandlers,
  ...streamHandlers,
};
