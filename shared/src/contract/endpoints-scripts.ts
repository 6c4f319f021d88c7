import * as s from '../schemas';
import type { EndpointDef } from './endpoints';

const ScriptPage = s.pageOf(s.Script).meta({ id: 'ScriptPage' });

/**
 * Remote scripts: the catalog. A script runs as a response action (`run_script` through
 * `POST /cases/{case_id}/actions`), so it is approved, traced and reported like the others.
 */
export const SCRIPT_ENDPOINTS = {
  listScripts: {
    method: 'get',
    path: '/scripts',
    tag: 'Scripts',
    summary: 'List the remote scripts that run_script can run',
    description:
      'Each script names the operating systems it runs on, its parameters as a JSON Schema, and whether it is containment (then a human must approve every run).',
    scope: 'cases:read',
    query: s.ScriptFilters,
    success: { status: 200, description: 'A page of scripts, by id.', schema: ScriptPage },
    errors: [400, 403],
  },
} as const satisfies Record<string, EndpointDef>;
