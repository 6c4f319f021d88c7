import { optionLabel, type FieldSpec } from '@senseon/client';
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { LIMIT_DESCRIPTION, n8nDescription } from './n8n-copy';

/**
 * Renders the catalog's `FieldSpec`s (described once for both connectors) as n8n node properties.
 * The property name is the API field name, so the parity test can compare n8n with Zapier and
 * reading the input back needs no mapping table.
 */

/** How a lookup field is searched and what its ids look like. */
export const LOOKUPS: Record<
  NonNullable<FieldSpec['lookup']>,
  { searchListMethod: string; prefix: string; noun: string }
> = {
  case: { searchListMethod: 'searchCases', prefix: 'case', noun: 'case' },
  device: { searchListMethod: 'searchDevices', prefix: 'dev', noun: 'device' },
  pendingAction: {
    searchListMethod: 'searchPendingActions',
    prefix: 'act',
    noun: 'pending response action',
  },
  observation: { searchListMethod: 'searchObservations', prefix: 'obs', noun: 'observation' },
};

/** A field's choices, sorted by the name shown (n8n lists options alphabetically). */
function optionsOf(field: FieldSpec): INodePropertyOptions[] {
  return (field.options ?? [])
    .map((value) => ({ name: optionLabel(value), value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** n8n's placeholders are examples ("e.g. case_…"), never instructions. */
function examplePlaceholder(placeholder: string): string {
  return placeholder.startsWith('e.g.') ? placeholder : `e.g. ${placeholder}`;
}

/** Shown first in an optional single-choice field, meaning "leave it out". */
export const NOT_SET = '';

/** The operation's `displayOptions`, narrowed by the field's own `showWhen` (e.g. by type). */
function shownWhen(field: FieldSpec, displayOptions: IDisplayOptions): IDisplayOptions {
  if (!field.showWhen) return displayOptions;
  const show = { ...displayOptions.show };
  for (const [controller, values] of Object.entries(field.showWhen)) show[controller] = [...values];
  return { ...displayOptions, show };
}

/**
 * One catalog field as one n8n property, shown only where `displayOptions` says; without them,
 * as an option of a collection (see collections.ts), where leaving it out means "not set", so
 * it needs no "(Not Set)" choice and no 0 for "unset", and its default is a real value.
 */
export function renderField(
  field: FieldSpec,
  displayOptions: IDisplayOptions | undefined,
): INodeProperties {
  const inCollection = displayOptions === undefined;
  const base = {
    displayName: field.label,
    name: field.name,
    description: field.name === 'limit' ? LIMIT_DESCRIPTION : n8nDescription(field.help),
    required: (!inCollection && field.required) || undefined,
    displayOptions: displayOptions && shownWhen(field, displayOptions),
  };
  if (field.lookup) {
    const lookup = LOOKUPS[field.lookup];
    return {
      ...base,
      type: 'resourceLocator',
      default: { mode: 'list', value: '' },
      modes: [
        {
          displayName: 'From List',
          name: 'list',
          type: 'list',
          placeholder: `Select a ${lookup.noun}...`,
          typeOptions: { searchListMethod: lookup.searchListMethod, searchable: true },
        },
        {
          displayName: 'By ID',
          name: 'id',
          type: 'string',
          placeholder: examplePlaceholder(field.placeholder ?? `${lookup.prefix}_…`),
          validation: [
            {
              type: 'regex',
              properties: {
                regex: `^${lookup.prefix}_[A-Za-z0-9]+$`,
                errorMessage: `Not a ${lookup.noun} ID: it starts with "${lookup.prefix}_"`,
              },
            },
          ],
        },
      ],
    };
  }
  switch (field.type) {
    case 'string':
    case 'text':
      return {
        ...base,
        type: 'string',
        default: typeof field.default === 'string' ? field.default : '',
        placeholder: field.placeholder && examplePlaceholder(field.placeholder),
        typeOptions: field.type === 'text' ? { rows: 4 } : undefined,
      };
    case 'number':
      return {
        ...base,
        type: 'number',
        // An optional number with no default of its own uses 0 for "not set" (see readInput).
        default: typeof field.default === 'number' ? field.default : 0,
        description:
          typeof field.default === 'number' || field.required || inCollection
            ? base.description
            : `${field.help} 0 leaves it unset.`,
      };
    case 'boolean':
      return { ...base, type: 'boolean', default: field.default === true };
    case 'datetime':
      return { ...base, type: 'dateTime', default: '' };
    case 'options': {
      const options = optionsOf(field);
      if (field.required || inCollection) {
        const first = typeof field.default === 'string' ? field.default : options[0]?.value;
        return { ...base, type: 'options', options, default: first ?? '' };
      }
      return {
        ...base,
        type: 'options',
        options: [{ name: '(Not Set)', value: NOT_SET }, ...options],
        default: typeof field.default === 'string' ? field.default : NOT_SET,
      };
    }
    case 'multiOptions':
      return { ...base, type: 'multiOptions', options: optionsOf(field), default: [] };
  }
}
