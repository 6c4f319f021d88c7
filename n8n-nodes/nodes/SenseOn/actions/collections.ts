import type { CatalogVersion, FieldSpec } from '@senseon/client';
import type { NodeOperation } from './operations';

/**
 * n8n's UX guidelines keep a node's form short: what an operation cannot run without shows at
 * the top, everything optional sits in one collection the user adds from ("Update Fields" on
 * an update, "Filters" on a list, "Options" elsewhere). Node version 4 on; earlier versions
 * keep their flat parameters, which saved workflows hold by name.
 */
export interface OptionalFields {
  name: 'updateFields' | 'filters' | 'options';
  displayName: 'Update Fields' | 'Filters' | 'Options';
  placeholder: 'Add Field' | 'Add Filter' | 'Add Option';
}

const UPDATE_FIELDS: OptionalFields = {
  name: 'updateFields',
  displayName: 'Update Fields',
  placeholder: 'Add Field',
};
const FILTERS: OptionalFields = {
  name: 'filters',
  displayName: 'Filters',
  placeholder: 'Add Filter',
};
const OPTIONS: OptionalFields = {
  name: 'options',
  displayName: 'Options',
  placeholder: 'Add Option',
};

/** The collection an operation's optional fields go in. */
export function optionalFieldsOf(op: NodeOperation): OptionalFields {
  if (op.operation === 'update') return UPDATE_FIELDS;
  if (op.spec.fields.some((field) => field.name === 'limit')) return FILTERS;
  return OPTIONS;
}

/**
 * Whether a field sits in the collection: optional, not shown by another field's value (those
 * follow their controller at the top) and not the Limit that Return All hides.
 */
export function isCollected(field: FieldSpec, version: CatalogVersion): boolean {
  return version >= 4 && field.required !== true && !field.showWhen && field.name !== 'limit';
}
