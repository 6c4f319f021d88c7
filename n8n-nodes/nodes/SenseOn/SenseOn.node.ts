import { LATEST_CATALOG_VERSION } from '@senseon/client';
import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';
import { SenseOnVersion } from './actions/node-version';

/**
 * Work with SenseOn cases, devices, observations, response actions and IOCs. Versioned like
 * n8n's Airtable node: a field renamed, removed or made conditional is a new version, and a
 * workflow saved with an older one keeps loading and running it (n8n picks the version by the
 * saved node's typeVersion; new nodes get `defaultVersion`, the newest).
 *
 * - v1: every Request Response Action target field shows whatever the action type.
 * - v2: Request Response Action shows only the target fields of the chosen type (required
 *   there); Device gains Get Device's Observations. Parameter names are v1's.
 * - v3: Simplify (on by default) on every output wider than 10 fields: cases, devices,
 *   observations and response actions.
 * - v4: optional fields in a collection (Update Fields, Filters, Options), real defaults
 *   (Approval Expires After 3,600, Add IOC, Medium), Observation → Create's Source, Case →
 *   Update's Unassign and Remove All Tags, Device → Release's expiry and wait, and the wait's
 *   Limit Wait Time.
 */
export class SenseOn extends VersionedNodeType {
  constructor() {
    const description: INodeTypeBaseDescription = {
      displayName: 'SenseOn',
      name: 'senseOn',
      icon: { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' },
      group: ['transform'],
      description:
        'Investigate and respond with SenseOn: cases, AI summaries, devices, OCSF observations, response actions with human approval, and IOCs',
      defaultVersion: LATEST_CATALOG_VERSION,
    };
    super(
      {
        1: new SenseOnVersion(1, description),
        2: new SenseOnVersion(2, description),
        3: new SenseOnVersion(3, description),
        4: new SenseOnVersion(4, description),
      },
      description,
    );
  }
}
