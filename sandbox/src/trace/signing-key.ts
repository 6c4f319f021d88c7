import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SandboxDatabase } from '../db/database';

const META_KEY = 'trace_signing_key';

/**
 * The Ed25519 key that signs checkpoints, kept in the database (PKCS #8 PEM in `meta`) so that a
 * sandbox started again with the same `--db` signs with the same key and pinned keys still
 * hold; an in-memory database gets a new key each start.
 */
export function loadOrCreateSigningKey(db: SandboxDatabase): KeyObject {
  const stored = db.getMeta(META_KEY);
  if (stored) return createPrivateKey(stored);
  const { privateKey } = generateKeyPairSync('ed25519');
  db.setMeta(META_KEY, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  return privateKey;
}
