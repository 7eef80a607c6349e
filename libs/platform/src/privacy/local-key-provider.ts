import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyProvider, WrappedKey } from './key-provider';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class UnknownKeyError extends Error {}

/**
 * Key-encryption keys from configuration (PRIVACY_KEYS, PRIVACY_ACTIVE_KEY_ID): AES-256-GCM,
 * `wrapped` = iv | ciphertext | tag, the key id bound in as additional data.
 */
export class LocalKeyProvider extends KeyProvider {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly activeKeyId: string,
  ) {
    super();
    if (!keys.has(activeKeyId)) throw new UnknownKeyError(`No key ${activeKeyId}`);
  }

  // async: a failure is a rejection, as it is for a KMS adapter.
  async wrap(dataKey: Buffer): Promise<WrappedKey> {
    const keyId = this.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(aad(keyId));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { keyId, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  async unwrap(keyId: string, wrapped: Buffer): Promise<Buffer> {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.key(keyId),
      wrapped.subarray(0, IV_BYTES),
    );
    decipher.setAAD(aad(keyId));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    const body = wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownKeyError(`No key-encryption key ${keyId} in PRIVACY_KEYS`);
    return key;
  }
}

function aad(keyId: string): Buffer {
  return Buffer.from(`intake-data-key:${keyId}`);
}
