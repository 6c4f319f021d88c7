import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The callback secret must survive from `perform` to `performResume`, and Zapier hands
 * `performResume` only what `perform` returned, which users can see in the Zap history. So the
 * secret travels sealed (AES-256-GCM) under a key derived from the connection's token: readable
 * only by this app, with this connection, and tamper-evident.
 */
const INFO = 'senseon-zapier callback secret v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, 'senseon-zapier', INFO, 32));
}

export function sealSecret(secret: string, token: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(token), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The secret, or null when the seal is not one of ours for this token. */
export function openSeal(seal: string, token: string): string | null {
  try {
    const bytes = Buffer.from(seal, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', keyFor(token), iv);
    decipher.setAuthTag(tag);
    const secret = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return secret.toString('utf8');
  } catch {
    return null;
  }
}
