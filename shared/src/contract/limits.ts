/**
 * The largest request body the API reads, in bytes (8 MiB); a larger one is refused with 413
 * `PAYLOAD_TOO_LARGE` before it is read. Chosen so the contract's largest batch fits: 1,000
 * observations of the seed's shape are about 3.1 MiB, and 1,000 of its largest (7.5 KB each)
 * about 7.3 MiB. The sandbox enforces it and the client splits batches by it, so both read
 * this one constant.
 */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;
