import { createHash } from 'node:crypto';
import { EntityManager, QueryResult } from 'typeorm';

/**
 * The typed SQL layer: for the queries an entity says badly (claims with `FOR UPDATE SKIP LOCKED`,
 * locks, upserts, partial-index predicates, read models), written as SQL with named parameters
 * against a column map of each table. The map gives the row type, the SELECT, INSERT and SET
 * lists, and is what the schema check compares with the database (test/schema.e2e-spec.ts).
 */

/** The Postgres types a column map may name, spelt as the schema check normalizes them. */
export type PgType =
  | 'uuid'
  | 'text'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'double precision'
  | 'boolean'
  | 'timestamptz'
  | 'jsonb'
  | 'bytea'
  | 'text[]'
  | 'uuid[]';

/** A column: its name and type; `R` what a row holds (as node-postgres reads it), `W` what a write takes. */
export interface Column<R, W = R> {
  readonly name: string;
  readonly type: PgType;
  readonly allowsNull: boolean;
  /** How a value is sent: jsonb as JSON text (node-postgres would send a JS array as a Postgres array). */
  readonly encode: (value: W) => unknown;
  /** The same column, NULL allowed. */
  nullable(): Column<R | null, W | null>;
}

function column<R, W = R>(
  name: string,
  type: PgType,
  encode: (value: W) => unknown = (value) => value,
  allowsNull = false,
): Column<R, W> {
  return {
    name,
    type,
    allowsNull,
    encode,
    nullable: () =>
      column<R | null, W | null>(
        name,
        type,
        (value) => (value === null ? null : encode(value)),
        true,
      ),
  };
}

/** Column constructors, one per type; `.nullable()` allows NULL. */
export const col = {
  uuid: (name: string) => column<string>(name, 'uuid'),
  text: <T extends string = string>(name: string) => column<T>(name, 'text'),
  smallint: <T extends number = number>(name: string) => column<T>(name, 'smallint'),
  integer: <T extends number = number>(name: string) => column<T>(name, 'integer'),
  /** node-postgres reads int8 as a string (it may not fit a number); a write takes either. */
  bigint: (name: string) => column<string, string | number>(name, 'bigint'),
  doublePrecision: (name: string) => column<number>(name, 'double precision'),
  boolean: (name: string) => column<boolean>(name, 'boolean'),
  /** Read as a Date; a write also takes an ISO string. */
  timestamptz: (name: string) => column<Date, Date | string>(name, 'timestamptz'),
  jsonb: <T>(name: string) => column<T>(name, 'jsonb', (value) => JSON.stringify(value)),
  bytea: (name: string) => column<Buffer>(name, 'bytea'),
  textArray: <T extends string = string>(name: string) => column<T[], readonly T[]>(name, 'text[]'),
  uuidArray: (name: string) => column<string[], readonly string[]>(name, 'uuid[]'),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Columns = Record<string, Column<any, any>>;

/** A row of the table as read: each property typed by its column. */
export type RowOf<C extends Columns> = {
  [K in keyof C]: C[K] extends Column<infer R, infer _W> ? R : never;
};

/** What a write of the table's properties takes. */
export type WriteOf<C extends Columns> = {
  [K in keyof C]: C[K] extends Column<infer _R, infer W> ? W : never;
};

/** A table's column map: TypeScript property → column. */
export class Table<C extends Columns> {
  /** `name` may carry its schema: `analytics.leads`. */
  constructor(
    readonly name: string,
    readonly columns: C,
  ) {}

  get schema(): string {
    return this.name.includes('.') ? this.name.split('.')[0] : 'public';
  }

  get tableName(): string {
    return this.name.includes('.') ? this.name.split('.')[1] : this.name;
  }

  /** The column a property is stored in, prefixed by the table's alias when given. */
  col(property: keyof C & string, alias?: string): string {
    return `${alias ? `${alias}.` : ''}${this.columns[property].name}`;
  }

  /** `id, lead_id AS "leadId", …`: the properties asked (all by default), read as properties. */
  select(properties: readonly (keyof C & string)[] = this.properties(), alias?: string): string {
    return properties
      .map((p) => {
        const name = this.col(p, alias);
        return this.columns[p].name === p ? name : `${name} AS "${p}"`;
      })
      .join(', ');
  }

  /**
   * `INSERT INTO t (id, lead_id, …) VALUES (:id, :leadId, …)`, for `params` of the same
   * properties; `alias` names the table for an upsert's `ON CONFLICT … DO UPDATE`.
   */
  insert(properties: readonly (keyof C & string)[] = this.properties(), alias?: string): string {
    const columns = properties.map((p) => this.columns[p].name).join(', ');
    const values = properties.map((p) => `:${p}`).join(', ');
    return `INSERT INTO ${this.name}${alias ? ` AS ${alias}` : ''} (${columns}) VALUES (${values})`;
  }

  /**
   * `INSERT INTO t (id, lead_id, …) SELECT * FROM unnest(:id::uuid[], :leadId::uuid[], …)`: many
   * rows in one statement, for `rowsParams` of the same properties. Array columns cannot be
   * unnested this way and are refused.
   */
  insertMany(properties: readonly (keyof C & string)[] = this.properties()): string {
    const columns = properties.map((p) => this.columns[p].name).join(', ');
    const arrays = properties.map((p) => {
      const type = this.columns[p].type;
      if (type.endsWith('[]')) throw new Error(`${this.name}.${p}: an array column in insertMany`);
      return `:${p}::${type}[]`;
    });
    return `INSERT INTO ${this.name} (${columns}) SELECT * FROM unnest(${arrays.join(', ')})`;
  }

  /** The parameters of `insertMany`: one array per property, each value encoded as its column is sent. */
  rowsParams<const K extends keyof C & string>(
    properties: readonly K[],
    rows: readonly Pick<WriteOf<C>, K>[],
  ): Record<K, unknown[]> {
    const out = {} as Record<K, unknown[]>;
    for (const p of properties) out[p] = rows.map((row) => this.columns[p].encode(row[p]));
    return out;
  }

  /** `status = :status, due_at = :dueAt, …`: for an UPDATE's or an upsert's SET. */
  set(properties: readonly (keyof C & string)[]): string {
    return properties.map((p) => `${this.columns[p].name} = :${p}`).join(', ');
  }

  /** The named parameters of these properties of `row`, each encoded as its column is sent. */
  params<const K extends keyof C & string>(
    properties: readonly K[],
    row: Pick<WriteOf<C>, K>,
  ): Record<K, unknown> {
    const out = {} as Record<K, unknown>;
    for (const p of properties) out[p] = this.columns[p].encode(row[p]);
    return out;
  }

  properties(): (keyof C & string)[] {
    return Object.keys(this.columns);
  }
}

/** A column map: `table('follow_ups', { id: col.uuid('id'), … })`. */
export function table<C extends Columns>(name: string, columns: C): Table<C> {
  return new Table(name, columns);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Params = Record<string, any>;

/**
 * A statement with named parameters turned into Postgres's positional ones, once. It runs as a
 * prepared statement: node-postgres prepares a named statement on a connection the first time
 * it runs there, so PostgreSQL parses it once per connection and, after a few runs, plans it
 * once (`plan_cache_mode` auto) instead of at every call. The name is the text's hash, so one
 * text is one prepared statement, however many `sql()` calls made it.
 */
export class Statement<P extends Params, R = never> {
  readonly text: string;
  /** The parameter names in `$n` order. */
  readonly names: readonly string[];
  /** The prepared statement's name on every connection. */
  readonly name: string;

  constructor(readonly source: string) {
    const { text, names } = expandNamed(source);
    this.text = text;
    this.names = names;
    this.name = `intake_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  }

  /** The positional values; a name the statement uses and `params` lacks is an error. */
  values(params: P): unknown[] {
    return this.names.map((name) => {
      if (!(name in params)) throw new Error(`SQL parameter :${name} has no value`);
      return params[name];
    });
  }

  /** The rows (of a SELECT, or of an INSERT, UPDATE or DELETE … RETURNING). */
  async rows(manager: EntityManager, params: P): Promise<R[]> {
    return ((await run(manager, this, this.values(params))).records ?? []) as R[];
  }

  /** The first row, or null. */
  async one(manager: EntityManager, params: P): Promise<R | null> {
    return (await this.rows(manager, params))[0] ?? null;
  }

  /** How many rows a write touched. */
  async execute(manager: EntityManager, params: P): Promise<number> {
    return (await run(manager, this, this.values(params))).affected ?? 0;
  }
}

/**
 * `sql<{ leadId: string }, Row>('SELECT … WHERE lead_id = :leadId')`: `P` the parameters the
 * statement takes, `R` a row it answers.
 */
export function sql<P extends Params = Record<string, never>, R = never>(
  source: string,
): Statement<P, R> {
  return new Statement<P, R>(source);
}

/** On the transaction's connection when the manager has one, else on one from the pool. */
async function run(
  manager: EntityManager,
  { name, text }: { name: string; text: string },
  values: unknown[],
): Promise<QueryResult> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    // TypeORM hands its first argument to node-postgres as it is, and node-postgres takes a
    // query config (name, text, values) there: the one way to a named statement through it.
    const config = { name, text, values } as unknown as string;
    return await runner.query(config, undefined, true);
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

/**
 * `:name` → `$n`, the same n for every use of a name. Casts (`::int`), string literals, quoted
 * identifiers, dollar-quoted bodies and comments are left alone; a positional `$1` is refused,
 * so a statement is all one style.
 */
export function expandNamed(source: string): { text: string; names: string[] } {
  const names: string[] = [];
  let text = '';
  let i = 0;
  const copyUntil = (end: string, from: number): void => {
    const stop = source.indexOf(end, from);
    const to = stop === -1 ? source.length : stop + end.length;
    text += source.slice(i, to);
    i = to;
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "'" || c === '"') {
      // A doubled quote inside is the quote itself: the scan just resumes after it.
      copyUntil(c, i + 1);
    } else if (c === '-' && next === '-') {
      copyUntil('\n', i);
    } else if (c === '/' && next === '*') {
      copyUntil('*/', i + 2);
    } else if (c === '$' && !/[A-Za-z0-9_]/.test(source[i - 1] ?? '')) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(source);
      if (tag) {
        copyUntil(tag[0], i + tag[0].length);
      } else if (/\d/.test(next ?? '')) {
        throw new Error(`Positional parameter in a named statement: ${source.slice(i, i + 4)}`);
      } else {
        text += c;
        i += 1;
      }
    } else if (c === ':' && next === ':') {
      text += '::';
      i += 2;
    } else if (c === ':' && /[A-Za-z_]/.test(next ?? '')) {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(source)![0];
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      text += `$${index + 1}`;
      i += 1 + name.length;
    } else {
      text += c;
      i += 1;
    }
  }
  return { text, names };
}
