import type { CatalogVersion, FieldSpec } from '@senseon/client';
import type { NodeOperation } from './operations';

/**
 * n8n's UX guidelines keep a node's form short: what an operation cannot run without shows at
 * the top, everything optional sits in a collection the user adds from ("Update Fields" on an
 * update, "Filters" for what narrows a list, "Options" for the rest). Node version 4 on;
 * earlier versions keep their flat parameters, which saved workflows hold by name.
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

/**
 * The collection one of an operation's optional fields goes in. On an operation that lists
 * records (it has a Limit) a field narrows which come back, so it is a filter, unless the
 * catalog marks it a `setting` (how long to wait, say): a setting is an option wherever it is.
 */
export function collectionOf(op: NodeOperation, field: FieldSpec): OptionalFields {
  if (op.operation === 'update') return UPDATE_FIELDS;
  if (field.setting !== true && op.spec.fields.some((f) => f.name === 'limit')) return FILTERS;
  return OPTIONS;
}

/**
 * Whether a field sits in the collection: optional, not shown by another field's value (those
 * follow their controller at the top) and not the Limit that Return All hides.
 */
export function isCollected(field: FieldSpec, version: CatalogVersion): boolean {
  return version >= 4 && field.required !== true && !field.showWhen && field.name !== 'limit';
}
