import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';

/** The one id generator: time-ordered UUIDv7, so primary keys stay index-friendly. */
export abstract class IdGenerator {
  abstract next(): string;
}

@Injectable()
export class UuidV7Generator extends IdGenerator {
  next(): string {
    return uuidv7();
  }
}
