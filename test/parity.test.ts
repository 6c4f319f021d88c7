/**
 * Zapier and n8n expose the same operations with the same fields. Each differs from the shared
 * catalog only where it says why (ZAPIER_FIELD_DIFFERENCES, PLATFORM_ONLY_PROPERTIES), so a
 * field or an operation added to one connector and not the other fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATIONS, TRIGGERS, ZAPIER_HAS_13 } from '@senseon/client';
import type { InputField } from 'zapier-platform-core';
import App, { ZAPIER_FIELD_DIFFERENCES } from '../zapier-app/src';
import { everyShownField } from '../zapier-app/test/input-fields';
import { SenseOn } from '../n8n-nodes/nodes/SenseOn/SenseOn.node';
import { SenseOnPollTrigger } from '../n8n-nodes/nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { PLATFORM_ONLY_PROPERTIES } from '../n8n-nodes/nodes/SenseOn/actions/platform-properties';

type ZapierOperation = { inputFields?: InputField[] };
type ZapierDefinition = { display: { hidden?: boolean }; operation: ZapierOperation };

const visible = (defs: Record<string, unknown>) =>
  Object.entries(defs as Record<string, ZapierDefinition>).filter(([, d]) => !d.display.hidden);

/** Every key a Zapier step can show, dynamic fields for every choice included. */
const zapierFieldKeys = async (operation: ZapierOperation): Promise<string[]> =>
  (await everyShownField(operation.inputFields ?? [])).map((f) => f.key);

// The newest version, which the Zapier app matches; older n8n versions stay as they shipped.
const n8nProperties = new SenseOn().getNodeType().description.properties;
// The type comes through the node: n8n-workflow is the n8n package's own dev dependency.
type INodeProperties = (typeof n8nProperties)[number];

function n8nFieldNames(resource: string, operation: string): string[] {
  return (
    n8nProperties
      .filter((p: INodeProperties) => {
        const show = p.displayOptions?.show;
        return show?.resource?.includes(resource) && show.operation?.includes(operation);
      })
      // A collection (Update Fields, Filters, Options) holds catalog fields of its own.
      .flatMap((p) =>
        p.type === 'collection'
          ? (p.options ?? []).map((o) => ('name' in o ? o.name : ''))
          : [p.name],
      )
  );
}

const n8nOnly = new Set<string>(PLATFORM_ONLY_PROPERTIES.map((p) => p.name));

/** n8n trigger nodes that no catalog feed (and so no Zapier trigger) stands behind, and why. */
const N8N_ONLY_TRIGGERS: Record<string, string> = {
  SenseOnStreamTrigger: `${ZAPIER_HAS_13}; a Zapier trigger is polled or called by Zapier's servers and cannot hold SenseOn's event stream open, and its webhook and polling triggers already reach Zapier, which has a public URL`,
};

describe('Zapier app', () => {
  // Hidden triggers (case_list, device_list, pending_action_list, user_list) only fill dynamic
  // dropdowns: Zapier never lists them as triggers, so they are not among the published 3.
  it('has exactly 3 visible triggers and 13 actions, at the keys the catalog names', () => {
    const creates = visible(App.creates ?? {}).map(([key]) => key);
    const searches = visible(App.searches ?? {}).map(([key]) => key);
    const triggers = visible(App.triggers ?? {}).map(([key]) => key);
    const catalogKeys = (kind: string) => [
      ...new Set(
        OPERATIONS.flatMap((op) =>
          'kind' in op.zapier && op.zapier.kind === kind ? [op.zapier.key] : [],
        ),
      ),
    ];
    expect(creates.sort()).toEqual(catalogKeys('create').sort());
    expect(searches.sort()).toEqual(catalogKeys('search').sort());
    expect(triggers.sort()).toEqual(
      TRIGGERS.flatMap((t) => ('key' in t.zapier ? [t.zapier.key] : [])).sort(),
    );
    expect(triggers).toHaveLength(3);
    expect(creates.length + searches.length).toBe(13);
  });

  it('every difference it declares names a reason', () => {
    for (const difference of ZAPIER_FIELD_DIFFERENCES) {
      expect(difference.reason.length).toBeGreaterThan(20);
    }
  });
});

describe('n8n SenseOn node', () => {
  const operationOptions = (resource: string) =>
    n8nProperties
      .filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
      .flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? String(o.value) : '')));

  it('offers exactly the catalog operations, resource by resource', () => {
    const placed = OPERATIONS.flatMap((op) => ('resource' in op.n8n ? [op.n8n] : []));
    const resources = [...new Set(placed.map((p) => p.resource))];
    for (const resource of resources) {
      const expected = placed.filter((p) => p.resource === resource).map((p) => p.operation);
      expect({ resource, ops: operationOptions(resource).sort() }).toEqual({
        resource,
        ops: expected.sort(),
      });
    }
  });

  it('renders each operation with the catalog fields and only declared extras', () => {
    for (const op of OPERATIONS) {
      if (!('resource' in op.n8n)) continue;
      const names = n8nFieldNames(op.n8n.resource, op.n8n.operation);
      const extras = names.filter((n) => !op.fields.some((f) => f.name === n));
      const missing = op.fields.map((f) => f.name).filter((n) => !names.includes(n));
      expect({ op: op.key, extras: extras.filter((n) => !n8nOnly.has(n)), missing }).toEqual({
        op: op.key,
        extras: [],
        missing: [],
      });
    }
  });

  it('says why Zapier has no counterpart of the n8n-only Stream Trigger', () => {
    const packaged = (
      JSON.parse(readFileSync(join(__dirname, '..', 'n8n-nodes', 'package.json'), 'utf8')) as {
        n8n: { nodes: string[] };
      }
    ).n8n.nodes.filter((file) => /Trigger\.node\.js$/.test(file));
    const withFeeds = ['SenseOnTrigger', 'SenseOnPollTrigger'];
    const n8nOnlyTriggers = packaged
      .map((file) => /\/(\w+)\.node\.js$/.exec(file)![1]!)
      .filter((name) => !withFeeds.includes(name));
    expect(Object.keys(N8N_ONLY_TRIGGERS).sort()).toEqual(n8nOnlyTriggers.sort());
    for (const reason of Object.values(N8N_ONLY_TRIGGERS)) {
      expect(reason).toMatch(new RegExp(`^${ZAPIER_HAS_13}; .{20,}`));
    }
  });

  it('polls the same trigger feeds the catalog lists', () => {
    const event = new SenseOnPollTrigger().description.properties.find((p) => p.name === 'event');
    const values = (event?.options ?? []).map((o) => ('value' in o ? String(o.value) : ''));
    expect(values.sort()).toEqual(TRIGGERS.map((t) => t.n8nPoll).sort());
  });
});

describe('the two connectors side by side', () => {
  it('give every shared operation the same fields, but for declared differences', async () => {
    const creates = { ...(App.creates ?? {}), ...(App.searches ?? {}) } as Record<
      string,
      ZapierDefinition
    >;
    for (const op of OPERATIONS) {
      if (!('kind' in op.zapier) || !('resource' in op.n8n)) continue;
      const zapierKey = op.zapier.key;
      const declared = ZAPIER_FIELD_DIFFERENCES.filter((d) => d.zapierKey === zapierKey);
      const added = declared.filter((d) => d.change === 'added').map((d) => d.field);
      const omitted = declared.filter((d) => d.change === 'omitted').map((d) => d.field);
      const zapier = (await zapierFieldKeys(creates[zapierKey]!.operation)).filter(
        (k) => !added.includes(k),
      );
      const n8n = n8nFieldNames(op.n8n.resource, op.n8n.operation).filter(
        (n) => !n8nOnly.has(n) && !omitted.includes(n),
      );
      // A Zapier search may merge two catalog operations (Find Case = Get + Get Many).
      const merged = OPERATIONS.filter((o) => 'key' in o.zapier && o.zapier.key === zapierKey);
      if (merged.length > 1) {
        expect({ op: op.key, n8nNotInZapier: n8n.filter((n) => !zapier.includes(n)) }).toEqual({
          op: op.key,
          n8nNotInZapier: [],
        });
      } else {
        expect({ op: op.key, fields: zapier.sort() }).toEqual({ op: op.key, fields: n8n.sort() });
      }
    }
  });
});

describe('raw telemetry and hunts', () => {
  // Zapier keeps SenseOn's published 3 triggers and 13 actions; telemetry and hunts are n8n's,
  // and each operation says why in its own words: raw telemetry is thousands of events an hour,
  // more than a Zap step carries, and a hunt scans longer than Zapier's 30-second step allows.
  const ours = OPERATIONS.filter((op) => /^(telemetry|hunt)\./.test(op.key));

  it('are in n8n and absent from Zapier, each saying why', () => {
    expect(ours.map((op) => op.key).sort()).toEqual(
      ['hunt.cancel', 'hunt.get', 'hunt.getResults', 'hunt.run', 'telemetry.getMany'].sort(),
    );
    for (const op of ours) {
      expect('resource' in op.n8n).toBe(true);
      expect(op.zapier).toEqual({ absent: expect.stringContaining('3 triggers and 13 actions') });
    }
    const telemetry = ours.find((op) => op.key === 'telemetry.getMany')!;
    expect('absent' in telemetry.zapier && telemetry.zapier.absent).toContain(
      'more than a Zap step can carry',
    );
    const run = ours.find((op) => op.key === 'hunt.run')!;
    expect('absent' in run.zapier && run.zapier.absent).toContain('30-second step');
  });
});
