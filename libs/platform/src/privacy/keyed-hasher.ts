import { createHmac } from 'node:crypto';

/**
 * Keyed hash (HMAC-SHA256) of a client address or a contact detail: lets abuse be spotted and
 * counted, and values be looked up, without storing them. Unkeyed, an IPv4 hash is reversed in
 * minutes.
 */
export class KeyedHasher {
  constructor(private readonly secret: string) {}

  hash(value: string | null): string | null {
    return value ? createHmac('sha256', this.secret).update(value).digest('hex') : null;
  }
}
