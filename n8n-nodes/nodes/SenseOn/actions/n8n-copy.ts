/**
 * n8n's wording rules (its UX guidelines, enforced by eslint-plugin-n8n-nodes-base), applied to
 * the catalog's help text, which is written once for both connectors: Zapier keeps full
 * sentences, n8n wants "ID" in capitals and a one-sentence description without a final period.
 */

/** "id"/"ids" as words become "ID"/"IDs"; API values such as `case_id` are left alone. */
function capitaliseIds(text: string): string {
  return text.replace(/(?<![\w`])id(s?)(?![\w`])/gi, (_m, plural: string) => `ID${plural}`);
}

/** A single sentence loses its final period; several sentences keep theirs, as n8n's rule says. */
function dropFinalPeriod(text: string): string {
  const withoutEg = text.replace(/e\.g\./g, '');
  const oneSentence = withoutEg.split('. ').length === 1;
  return oneSentence && text.endsWith('.') ? text.slice(0, -1) : text;
}

/** A parameter or option description as n8n shows it. */
export function n8nDescription(help: string | undefined): string | undefined {
  if (help === undefined) return undefined;
  return dropFinalPeriod(capitaliseIds(help.trim()));
}

/** n8n's wording of a Limit parameter (its `node-param-description-wrong-for-limit` rule). */
export const LIMIT_DESCRIPTION = 'Max number of results to return';
