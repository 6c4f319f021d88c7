import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type { Device, DeviceFilters } from '../schemas/devices';
import { ApiResource, withCursor } from './resource';

export class DevicesResource extends ApiResource {
  list(filters?: DeviceFilters, options?: RequestOptions): PagePromise<Device> {
    return this.paged('listDevices', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }

  retrieve(deviceId: string, options?: RequestOptions): Promise<Device> {
    return this.call('getDevice', { params: { device_id: deviceId } }, options);
  }
}
