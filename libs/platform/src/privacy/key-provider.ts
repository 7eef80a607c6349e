/** A data key as stored: wrapped (encrypted) under the key-encryption key `keyId`. */
export interface WrappedKey {
  keyId: string;
  wrapped: Buffer;
}

/**
 * The key-encryption keys, behind a port: data keys are wrapped and unwrapped here and never
 * stored in the clear. `LocalKeyProvider` holds the keys from configuration.
 *
 * A cloud KMS adapter fills the same shape, with the key-encryption key never leaving the KMS:
 * - AWS KMS: `wrap` = `Encrypt({ KeyId: activeKeyId, Plaintext: dataKey,
 *   EncryptionContext: { purpose: 'intake-data-key' } })` → `{ keyId: KeyId, wrapped:
 *   CiphertextBlob }`; `unwrap` = `Decrypt({ KeyId: keyId, CiphertextBlob: wrapped,
 *   EncryptionContext })`. (`GenerateDataKey` would also do for new keys.)
 * - GCP Cloud KMS: `encrypt({ name: cryptoKeyVersionPath, plaintext, additionalAuthenticatedData })`
 *   and `decrypt(...)`; the key id is the crypto key's resource name.
 * Each unwrap is a network call there: `DataKeys` caches unwrapped keys (bounded) for that reason.
 */
export abstract class KeyProvider {
  /** The key id new data keys are wrapped under. */
  abstract readonly activeKeyId: string;

  abstract wrap(dataKey: Buffer): Promise<WrappedKey>;

  /** Throws when `keyId` is unknown or `wrapped` was not made by it. */
  abstract unwrap(keyId: string, wrapped: Buffer): Promise<Buffer>;
}
