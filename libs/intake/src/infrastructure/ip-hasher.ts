import { createHmac } from 'node:crypto';

/** Keyed hash of the client address: lets abuse be spotted without storing the address. */
export class IpHasher {
  constructor(private readonly secret: string) {}

  hash(ip: string | null): string | null {
    return ip ? createHmac('sha256', this.secret).update(ip).digest('hex') : null;
  }
}
