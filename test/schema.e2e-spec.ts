import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { runAnalyticsMigrations } from '@intake/analytics';
import { Columns, dataSourceOptions, postgresConnection, Table } from '@intake/platform';
import { TEST_DATABASE_URL } from './support/test-config';

const LIBS = join(__dirname, '..', 'libs');
const SCHEMAS = ['public', 'analytics'];

/** Every column map of the typed SQL layer: what the `*.tables.ts` files of the contexts export. */
function columnMaps(): Table<Columns>[] {
  const maps: Table<Columns>[] = [];
  for (const context of readdirSync(LIBS)) {
    const dir = join(LIBS, context, 'src');
    let files: string[];
    try {
      files = readdirSync(dir, { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.tables.ts'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported: Record<string, unknown> = require(join(dir, file));
      maps.push(...Object.values(exported).filter((v): v is Table<Columns> => v instanceof Table));
    }
  }
  return maps;
}

interface DbColumn {
  column: string;
  type: string;
  nullable: boolean;
}

/** The types as a column map spells them. */
function typeOf(row: { data_type: string; udt_name: string }): string {
  if (row.data_type === 'ARRAY') return `${row.udt_name.replace(/^_/, '')}[]`;
  if (row.data_type === 'timestamp with time zone') return 'timestamptz';
  return row.data_type;
}

describe('the schema: every table is described, by an entity or by a column map', () => {
  let pool: Pool;
  let dataSource: DataSource;
  /** `schema.table` → its columns, as the migrations made them. */
  const tables = new Map<string, DbColumn[]>();

  beforeAll(async () => {
    // The global setup ran the service's migrations; analytics runs its own when it starts.
    await runAnalyticsMigrations(
      postgresConnection({ DATABASE_URL: TEST_DATABASE_URL }),
      'intake-test-schema',
    );
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    const { rows } = await pool.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      is_nullable: 'YES' | 'NO';
      data_type: string;
      udt_name: string;
    }>(
      `SELECT c.table_schema, c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name
         FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1)
          AND c.table_name <> 'schema_migrations'
        ORDER BY c.ordinal_position`,
      [SCHEMAS],
    );
    for (const row of rows) {
      const name = `${row.table_schema}.${row.table_name}`;
      const columns = tables.get(name) ?? [];
      columns.push({
        column: row.column_name,
        type: typeOf(row),
        nullable: row.is_nullable === 'YES',
      });
      tables.set(name, columns);
    }
    dataSource = new DataSource(
      dataSourceOptions(
        { DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 1 },
        'intake-test-schema',
      ),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pool?.end();
  });

  function entityTables(): string[] {
    return dataSource.entityMetadatas.map((m) => `${m.schema ?? 'public'}.${m.tableName}`);
  }

  function mapTables(): string[] {
    return columnMaps().map((t) => `${t.schema}.${t.tableName}`);
  }

  it('finds the tables of both schemas', () => {
    expect([...tables.keys()]).toEqual(
      expect.arrayContaining(['public.leads', 'public.follow_ups', 'analytics.leads']),
    );
  });

  it('has no table that neither an entity nor a column map describes, and none both do', () => {
    const entities = entityTables();
    const maps = mapTables();
    const undescribed = [...tables.keys()].filter(
      (t) => !entities.includes(t) && !maps.includes(t),
    );
    const twice = maps.filter(
      (t) => entities.includes(t) || maps.indexOf(t) !== maps.lastIndexOf(t),
    );
    expect({ undescribed, twice }).toEqual({ undescribed: [], twice: [] });
  });

  it('has no entity or column map of a table the migrations do not make', () => {
    const missing = [...entityTables(), ...mapTables()].filter((t) => !tables.has(t));
    expect(missing).toEqual([]);
  });

  it('matches each column map, column by column: name, type and NULL allowed', () => {
    const differences: string[] = [];
    for (const map of columnMaps()) {
      const name = `${map.schema}.${map.tableName}`;
      const actual = tables.get(name) ?? [];
      const described = Object.values(map.columns).map((c) => ({
        column: c.name,
        type: c.type,
        nullable: c.allowsNull,
      }));
      const show = (c: DbColumn) => `${c.column} ${c.type}${c.nullable ? '' : ' NOT NULL'}`;
      for (const column of actual) {
        const mapped = described.find((c) => c.column === column.column);
        if (!mapped) differences.push(`${name}: ${show(column)} is not in the column map`);
        else if (show(mapped) !== show(column))
          differences.push(`${name}: the map says ${show(mapped)}, the database ${show(column)}`);
      }
      for (const column of described) {
        if (!actual.some((c) => c.column === column.column))
          differences.push(`${name}: ${show(column)} is in the column map, not the database`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('matches the entities exactly, and nothing is pending', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
