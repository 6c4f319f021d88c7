import { F, summarizeCase, TRIGGERS, type Case } from '@senseon/client';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';
import { handled } from '../errors';
import { renderFields } from '../fields/render';
import { CASE } from '../samples/records';
import { CASE_FIELDS } from '../samples/output-fields';
import { atLeastSeverity, inList, listInput, textInput } from './filters';
import { verifiedEvent } from '../webhooks/signed-request';
import { restHookLifecycle, subscriptionSecret } from './rest-hook';
import { pollLimit } from './poll';

const spec = TRIGGERS.find((t) => t.key === 'newCase')!;

const inputFields = renderFields([F.minSeverity, F.statusFilter], {
  min_severity: {
    help: 'Only cases opened at this severity or above. Leave empty for every case.',
  },
  status: {
    help: 'Only cases in these statuses when they arrive. Leave empty for every new case.',
  },
});

interface NewCaseFilters {
  min_severity?: string;
  status: string[];
}

function filtersOf(bundle: Bundle): NewCaseFilters {
  return {
    min_severity: textInput(bundle.inputData.min_severity),
    status: listInput(bundle.inputData.status),
  };
}

function matches(item: Case, filters: NewCaseFilters): boolean {
  return (
    atLeastSeverity(item.severity, filters.min_severity) && inList(item.status, filters.status)
  );
}

/** One case as a Zap item: the case itself (its id dedupes) and a one-sentence summary. */
export const newCaseItem = (item: Case) => ({ ...item, summary: summarizeCase(item) });

/** Poll: the newest cases first, filtered by the server where it can. */
async function performList(z: ZObject, bundle: Bundle) {
  const filters = filtersOf(bundle);
  const cases = await clientFor(z, bundle)
    .cases.list({
      sort: '-created_at',
      min_severity: filters.min_severity as Case['severity'] | undefined,
      status: filters.status.length ? (filters.status as Case['status'][]) : undefined,
      limit: pollLimit(bundle),
    })
    .collect({ limit: pollLimit(bundle) });
  return cases.filter((c) => matches(c, filters)).map(newCaseItem);
}

/** Hook: a verified `case.created` delivery, kept only if it passes the filters. */
async function perform(_z: ZObject, bundle: Bundle) {
  const event = verifiedEvent(bundle, subscriptionSecret(bundle));
  if (event.type !== 'case.created') return [];
  const item = event.data as unknown as Case;
  return matches(item, filtersOf(bundle)) ? [newCaseItem(item)] : [];
}

const lifecycle = restHookLifecycle(spec.events, spec.label);

export default defineTrigger({
  key: 'new_case',
  noun: 'Case',
  display: { label: spec.label, description: `Triggers when a new case is opened in SenseOn.` },
  operation: {
    type: 'hook',
    inputFields,
    perform: handled(perform, inputFields),
    performList: handled(performList, inputFields),
    performSubscribe: handled(lifecycle.performSubscribe, inputFields),
    performUnsubscribe: handled(lifecycle.performUnsubscribe, inputFields),
    sample: newCaseItem(CASE as unknown as Case),
    outputFields: CASE_FIELDS,
  },
});
