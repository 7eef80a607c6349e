import { IsIn, IsString, Matches, MinLength } from 'class-validator';

/** Everyone can read these in the source: fine for `npm run local` and tests, refused in production. */
export const DEV_PRIVACY_KEYS = 'dev1:ZGV2ZWxvcG1lbnQtb25seS1rZXktZW5jcnlwdGlvbi0=';
export const DEV_PRIVACY_INDEX_KEY = 'intake-blind-index-development-only';

const KEY_ID = '[A-Za-z0-9_-]{1,32}';

/**
 * Field encryption at rest: the key-encryption keys that wrap each lead's data key, which of
 * them wraps new data keys, and the key of the blind indexes (keyed hashes that let email, phone
 * and name tokens be looked up without being stored).
 */
export class PrivacyConfig {
  /** Refuses the development keys when `production`. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  /**
   * `id:base64,id:base64`: AES-256 keys (32 bytes each). Keep an old id listed until
   * `npm run cli -- privacy:rewrap` has moved every data key off it.
   */
  @Matches(new RegExp(`^${KEY_ID}:[A-Za-z0-9+/]+={0,2}(,${KEY_ID}:[A-Za-z0-9+/]+={0,2})*$`), {
    message: 'must be id:base64[,id:base64...]',
  })
  PRIVACY_KEYS = DEV_PRIVACY_KEYS;

  /** The key that wraps new data keys (one of PRIVACY_KEYS). */
  @Matches(new RegExp(`^${KEY_ID}$`), { message: 'must be a key id of PRIVACY_KEYS' })
  PRIVACY_ACTIVE_KEY_ID = 'dev1';

  /** HMAC key of the blind indexes. Changing it makes every stored index unfindable. */
  @IsString()
  @MinLength(32)
  PRIVACY_INDEX_KEY = DEV_PRIVACY_INDEX_KEY;

  /** The key-encryption keys by id. */
  keys(): Map<string, Buffer> {
    return new Map(
      this.PRIVACY_KEYS.split(',').map((pair) => {
        const [id, base64] = pair.split(':');
        return [id, Buffer.from(base64, 'base64')];
      }),
    );
  }

  /** What loadConfig's decorators cannot say: key lengths, the active id, production's keys. */
  problems(): string[] {
    const problems: string[] = [];
    const keys = this.keys();
    for (const [id, key] of keys) {
      if (key.length !== 32) problems.push(`PRIVACY_KEYS is invalid: key ${id} is not 32 bytes`);
    }
    if (!keys.has(this.PRIVACY_ACTIVE_KEY_ID)) {
      problems.push(
        `PRIVACY_ACTIVE_KEY_ID is invalid: ${this.PRIVACY_ACTIVE_KEY_ID} is not in PRIVACY_KEYS`,
      );
    }
    if (this.NODE_ENV === 'production') {
      // A key in the source would decrypt every copied database and backup.
      if (
        this.PRIVACY_KEYS.split(',').some((pair) => DEV_PRIVACY_KEYS.includes(pair.split(':')[1]))
      )
        problems.push('PRIVACY_KEYS is missing: required when NODE_ENV=production');
      if (this.PRIVACY_INDEX_KEY === DEV_PRIVACY_INDEX_KEY)
        problems.push('PRIVACY_INDEX_KEY is missing: required when NODE_ENV=production');
    }
    return problems;
  }
}
