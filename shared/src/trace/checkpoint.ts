import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { TraceCheckpoint, TracePublicKey } from '../schemas/trace-proofs';

/**
 * The signed checkpoint text, in the spirit of Go's signed notes (golang.org/x/mod/sumdb/note)
 * and the C2SP tlog checkpoint, with hex hashes like the rest of this API:
 *
 *     senseon.io/decisiontrace/<tenant_id>\n
 *     <tree_size, decimal>\n
 *     <root_hash, 64 lowercase hex>\n
 *     <timestamp, RFC 3339 UTC>\n
 *
 * The Ed25519 signature covers exactly these UTF-8 bytes. The first line names the log, so a
 * signature for one tenant's tree can never pass for another's.
 */
export function checkpointText(
  checkpoint: Pick<TraceCheckpoint, 'tenant_id' | 'tree_size' | 'root_hash' | 'timestamp'>,
): string {
  return (
    `${CHECKPOINT_ORIGIN}${checkpoint.tenant_id}\n${checkpoint.tree_size}\n` +
    `${checkpoint.root_hash}\n${checkpoint.timestamp}\n`
  );
}

export const CHECKPOINT_ORIGIN = 'senseon.io/decisiontrace/';

/** The note a person reads: the text, a blank line, then `— <key_id> <signature base64>`. */
export function checkpointNote(text: string, keyId: string, signature: string): string {
  return `${text}\n— ${keyId} ${signature}\n`;
}

/** Hex of the first 8 bytes of SHA-256 of the raw 32-byte public key. */
export function traceKeyId(rawPublicKey: Buffer): string {
  return createHash('sha256').update(rawPublicKey).digest().subarray(0, 8).toString('hex');
}

/** The raw 32 bytes of an Ed25519 public key (the JWK `x`). */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError('the trace signing key must be an Ed25519 key');
  }
  return Buffer.from(jwk.x, 'base64url');
}

/** The published form of a public key. */
export function describeTraceKey(publicKey: KeyObject): TracePublicKey {
  const raw = rawEd25519PublicKey(publicKey);
  return { key_id: traceKeyId(raw), algorithm: 'Ed25519', public_key: raw.toString('base64') };
}

/** Signs a checkpoint with an Ed25519 private key (Node's crypto does the Ed25519). */
export function signCheckpoint(
  fields: Pick<TraceCheckpoint, 'tenant_id' | 'tree_size' | 'root_hash' | 'timestamp'>,
  privateKey: KeyObject,
): TraceCheckpoint {
  const publicKey = createPublicKey(privateKey);
  const keyId = traceKeyId(rawEd25519PublicKey(publicKey));
  const text = checkpointText(fields);
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
  return { ...fields, key_id: keyId, signature, note: checkpointNote(text, keyId, signature) };
}

/** A pinned key: the base64 raw key as `GET /trace/keys` gives it, or a PEM. */
export function pinnedTraceKey(key: string | TracePublicKey): KeyObject {
  const value = typeof key === 'string' ? key.trim() : key.public_key;
  if (value.startsWith('-----BEGIN')) return createPublicKey(value);
  const raw = Buffer.from(value, 'base64');
  if (raw.length !== 32) {
    throw new TypeError('trace public key: must be a 32-byte Ed25519 key in base64, or a PEM');
  }
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

/**
 * Checks a checkpoint's signature against a pinned key, over the text rebuilt from its fields
 * (so the fields a program reads are the ones that were signed). Null when it holds.
 */
export function verifyCheckpointSignature(
  checkpoint: TraceCheckpoint,
  pinned: KeyObject,
): string | null {
  const keyId = traceKeyId(rawEd25519PublicKey(pinned));
  if (checkpoint.key_id !== keyId) {
    return `the checkpoint is signed by key ${checkpoint.key_id}, not the pinned key ${keyId}`;
  }
  const ok = verify(
    null,
    Buffer.from(checkpointText(checkpoint), 'utf8'),
    pinned,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return ok ? null : 'the checkpoint signature does not verify with the pinned key';
}
