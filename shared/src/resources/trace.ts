import type { RequestOptions } from '../http/request-options';
import type {
  ConsistencyProof,
  InclusionProof,
  TenantTraceSlice,
  TraceCheckpoint,
  TracePublicKeys,
} from '../schemas/trace-proofs';
import { ApiResource } from './resource';

/** The tenant's whole DecisionTrace as a Merkle tree: checkpoints, proofs and leaves. */
export class TraceResource extends ApiResource {
  /** `GET /trace/checkpoint`: the signed size and root of the tenant's tree now. */
  checkpoint(options?: RequestOptions): Promise<TraceCheckpoint> {
    return this.call('getTraceCheckpoint', {}, options);
  }

  /** `GET /trace/proof/inclusion`: the audit path of one leaf, named by `leaf_index` or `seq`. */
  inclusionProof(
    query: { leaf_index?: number; seq?: number; tree_size: number },
    options?: RequestOptions,
  ): Promise<InclusionProof> {
    return this.call('getTraceInclusionProof', { query }, options);
  }

  /** `GET /trace/proof/consistency`: that the tree of `second` leaves extends that of `first`. */
  consistencyProof(
    first: number,
    second: number,
    options?: RequestOptions,
  ): Promise<ConsistencyProof> {
    return this.call('getTraceConsistencyProof', { query: { first, second } }, options);
  }

  /** `GET /trace/entries`: up to `limit` leaves from `start`, in tree order. */
  entries(start = 0, limit = 1000, options?: RequestOptions): Promise<TenantTraceSlice> {
    return this.call('listTenantTrace', { query: { start, limit } }, options);
  }

  /** `GET /trace/keys`: the keys that sign checkpoints. Pin one out of band; never trust it blindly. */
  keys(options?: RequestOptions): Promise<TracePublicKeys> {
    return this.call('getTraceKeys', {}, options);
  }
}
