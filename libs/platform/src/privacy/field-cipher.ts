import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * One field sealed with a data key: AES-256-GCM with a random 96-bit IV, stored as text
 * `v1:<base64(iv | ciphertext | tag)>`. `context` (table, column and row id, e.g.
 * `leads.email:<id>`) is bound in as additional data, so a value copied to another row or
 * column does not open.
 */
export function sealField(dataKey: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** The plaintext of a sealed field; throws if it was changed or sealed for another context. */
export function openField(dataKey: Buffer, sealed: string, context: string): string {
  if (!sealed.startsWith(VERSION)) throw new Error(`Not a sealed field (${context})`);
  const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
