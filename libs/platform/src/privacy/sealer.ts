import { openField, sealField } from './field-cipher';

/** A write needs the data key, and the key of this row was deleted (the person was erased). */
export class DataKeyErasedError extends Error {}

/**
 * Seals and opens the fields of one key's owner (a lead, or a rejected submission). A sealer
 * without a key is that of an erased owner: every field opens as null.
 */
export class Sealer {
  constructor(
    readonly ownerId: string,
    private readonly dataKey: Buffer | null,
  ) {}

  get erased(): boolean {
    return this.dataKey === null;
  }

  /** `context` names where the value lives: `table.column:rowId`. */
  seal(context: string, value: string | null): string | null {
    if (value === null) return null;
    if (this.dataKey === null)
      throw new DataKeyErasedError(`The data key of ${this.ownerId} is gone`);
    return sealField(this.dataKey, value, context);
  }

  open(context: string, sealed: string | null): string | null {
    if (sealed === null || this.dataKey === null) return null;
    return openField(this.dataKey, sealed, context);
  }

  sealJson(context: string, value: object): string {
    return this.seal(context, JSON.stringify(value))!;
  }

  /** Null when removed (retention, an erasure) or when the key is gone. */
  openJson<T extends object>(context: string, sealed: string | null): T | null {
    const text = this.open(context, sealed);
    return text === null ? null : (JSON.parse(text) as T);
  }
}

/** Where a sealed value lives, `table.column:rowId`: bound into it, so it opens nowhere else. */
export function sealedPlace(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}
