/**
 * Where the API (or the client's own checks) reports a problem in a request body, and the
 * operation input fields that fill that spot. "target.ioc.value is not a sha256 hash" must name
 * the box the user typed into, in Zapier and in n8n alike, so both read this one table.
 */
export const INPUT_FIELDS_OF_API_PATH: Readonly<Record<string, readonly string[]>> = {
  'target.device_id': ['device_id', 'target_device_id'],
  'target.user_id': ['target_user_id'],
  'target.ioc': ['ioc_value'],
  'target.ioc.value': ['ioc_value'],
  'target.ioc.type': ['ioc_type'],
  // The whole target is wrong (none given, or two): every input that can fill it.
  target: ['device_id', 'target_device_id', 'target_user_id', 'ioc_value'],
};

/**
 * The input field names that may have filled an API path, most likely first: the path itself
 * (most operation inputs are named like the API's fields), then the table's entries.
 */
export function inputFieldsFor(path: string): string[] {
  return [path, ...(INPUT_FIELDS_OF_API_PATH[path] ?? [])];
}
