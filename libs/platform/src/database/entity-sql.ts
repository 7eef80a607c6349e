import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { sql, Statement } from './sql';

/**
 * The typed SQL layer's statements for a table an entity describes, made from the entity's
 * metadata once: for the paths every request takes (a submission's lead insert, its duplicate
 * lookup), where building the statement each time (TypeORM's query builder) costs the api CPU
 * and sending it unnamed costs PostgreSQL a parse and a plan. Columns keep their entity
 * property names, so rows read are the entity's shape and an insert takes the entity as it is.
 */
export class EntitySql<E extends ObjectLiteral> {
  private metadata?: EntityMetadata;
  private readonly statements = new Map<string, Statement<Record<string, unknown>, E>>();

  constructor(private readonly target: EntityTarget<E>) {}

  /** `first_name AS "firstName", …`: every column, read as the entity's properties. */
  columns(manager: EntityManager, alias?: string): string {
    return this.meta(manager)
      .columns.map((c) => {
        const name = `${alias ? `${alias}.` : ''}${c.databaseName}`;
        return c.databaseName === c.propertyName ? name : `${name} AS "${c.propertyName}"`;
      })
      .join(', ');
  }

  /** Inserts `row` (every column). */
  async insert(manager: EntityManager, row: E): Promise<void> {
    const meta = this.meta(manager);
    const statement = this.statement('insert', () => {
      const columns = meta.columns.map((c) => c.databaseName).join(', ');
      const values = meta.columns.map((c) => `:${c.propertyName}`).join(', ');
      return `INSERT INTO ${meta.tableName} (${columns}) VALUES (${values})`;
    });
    await statement.execute(manager, this.params(meta, row));
  }

  /**
   * Sets every column of `row` where `where` (SQL over the row's own `:property` names and
   * `extra`'s) holds; how many rows it changed.
   */
  update(
    manager: EntityManager,
    row: E,
    where: string,
    extra: Record<string, unknown> = {},
  ): Promise<number> {
    const meta = this.meta(manager);
    const statement = this.statement(`update ${where}`, () => {
      const set = meta.columns
        .filter((c) => !c.isPrimary)
        .map((c) => `${c.databaseName} = :${c.propertyName}`)
        .join(', ');
      return `UPDATE ${meta.tableName} SET ${set} WHERE ${where}`;
    });
    return statement.execute(manager, { ...this.params(meta, row), ...extra });
  }

  /** Rows of `SELECT <every column> FROM <table> <rest>`, `rest` with `:named` parameters. */
  select(manager: EntityManager, rest: string, params: Record<string, unknown>): Promise<E[]> {
    const meta = this.meta(manager);
    const statement = this.statement(
      `select ${rest}`,
      () => `SELECT ${this.columns(manager)} FROM ${meta.tableName} ${rest}`,
    );
    return statement.rows(manager, params);
  }

  private meta(manager: EntityManager): EntityMetadata {
    this.metadata ??= manager.connection.getMetadata(this.target);
    return this.metadata;
  }

  private statement(key: string, text: () => string): Statement<Record<string, unknown>, E> {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = sql<Record<string, unknown>, E>(text());
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** The row's values by property; jsonb as JSON text (node-postgres sends an array as an array). */
  private params(meta: EntityMetadata, row: E): Record<string, unknown> {
    return Object.fromEntries(
      meta.columns.map((c) => {
        const value = c.getEntityValue(row) as unknown;
        const json = c.type === 'jsonb' || c.type === 'json';
        return [c.propertyName, json && value != null ? JSON.stringify(value) : (value ?? null)];
      }),
    );
  }
}
