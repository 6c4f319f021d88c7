import { InvalidInputError, NotFoundError, summarizeDevice, type Device } from '@senseon/client';
import {
  defineSearch,
  type Bundle,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { copyOf, displayOf } from '../copy';
import { handled } from '../errors';
import { renderFields } from '../fields/render';
import { operationsFor } from '../operations';
import { runStep, single, type StepRecord } from '../run';
import { DEVICE } from '../samples/records';
import { DEVICE_FIELDS } from '../samples/output-fields';
import { textInput } from '../triggers/filters';

/** Find Device merges Get Device (by id) and Get Many Devices (filters). */
const [byId, byFilters] = operationsFor('find_device');
if (byId?.key !== 'device.get' || byFilters?.key !== 'device.getMany') {
  throw new Error('find_device expects device.get and device.getMany in the catalog');
}

const inputFields: PlainInputField[] = [
  ...renderFields(byId.fields, {
    device_id: {
      required: false,
      help: 'Find this exact device (starts with `dev_`). Or leave empty and give a hostname or an IP address.',
    },
  }),
  ...renderFields(byFilters.fields.filter((f) => f.name !== 'limit')),
];

async function perform(z: ZObject, bundle: Bundle): Promise<StepRecord[]> {
  const deviceId = textInput(bundle.inputData.device_id);
  if (deviceId) {
    try {
      return [single(await runStep(z, bundle, byId!.key, { device_id: deviceId }))];
    } catch (error) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  }
  if (!textInput(bundle.inputData.hostname) && !textInput(bundle.inputData.ip)) {
    throw new InvalidInputError('Find Device', [
      { field: 'device_id', issue: 'or a Hostname or an IP Address is needed to find one device' },
    ]);
  }
  const found = await runStep(z, bundle, byFilters!.key, { ...bundle.inputData, limit: 1 });
  return (Array.isArray(found) ? found : [found]).slice(0, 1);
}

export default defineSearch({
  key: 'find_device',
  noun: copyOf('find_device').noun,
  display: displayOf('find_device'),
  operation: {
    inputFields,
    perform: handled(perform, inputFields),
    sample: { ...DEVICE, summary: summarizeDevice(DEVICE as unknown as Device) },
    outputFields: DEVICE_FIELDS,
  },
});
