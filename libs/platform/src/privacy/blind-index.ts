import { KeyedHasher } from './keyed-hasher';

/** What an index is of: each has its own domain, so equal text in two kinds never matches. */
export type BlindIndexKind = 'email' | 'phone' | 'name';

/**
 * Blind indexes (HMAC-SHA256 with PRIVACY_INDEX_KEY) of normalized values: equal values give
 * equal indexes, so a lookup by email, phone or name token works on a column that holds no
 * plaintext. The caller normalizes (lower-cased email, E.164 phone, folded name tokens).
 */
export class BlindIndex {
  private readonly hasher: KeyedHasher;

  constructor(key: string) {
    this.hasher = new KeyedHasher(key);
  }

  /** 128 bits of the HMAC, as hex: short in indexes, and still no collisions in practice. */
  of(kind: BlindIndexKind, normalized: string | null): string | null {
    if (normalized === null || normalized === '') return null;
    return this.hasher.hash(`${kind}\u0000${normalized}`)!.slice(0, 32);
  }
}
