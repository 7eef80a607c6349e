import { EntityManager } from 'typeorm';
import { col, expandNamed, RowOf, sql, table } from './sql';

describe('named parameters', () => {
  it('numbers names in order of first use, and reuses the number for a repeated name', () => {
    expect(
      expandNamed(
        'INSERT INTO p (id, created_at, updated_at) VALUES (:id, :at, :at) ON CONFLICT (id) DO UPDATE SET updated_at = :at',
      ),
    ).toEqual({
      text: 'INSERT INTO p (id, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (id) DO UPDATE SET updated_at = $2',
      names: ['id', 'at'],
    });
  });

  it('leaves casts alone, also right after a parameter', () => {
    expect(expandNamed('SELECT :seq::bigint, x::int, ANY(:ids::uuid[]), now()::date')).toEqual({
      text: 'SELECT $1::bigint, x::int, ANY($2::uuid[]), now()::date',
      names: ['seq', 'ids'],
    });
  });

  it('leaves string literals, quoted identifiers, comments and dollar-quoted bodies alone', () => {
    const source = `SELECT to_char(due_at, 'YYYY-MM-DD"T"HH24:MI:SS'), 'it''s :not' AS "a:b", :real -- :comment
      /* :block */ FROM t WHERE $$ :body $$ <> $tag$ :x $tag$ AND y = :real`;
    const { text, names } = expandNamed(source);
    expect(names).toEqual(['real']);
    expect(text).toBe(source.replace(/:real/g, '$1'));
  });

  it('refuses a positional parameter, so a statement is all one style', () => {
    expect(() => expandNamed('SELECT * FROM t WHERE a = :a AND b = $2')).toThrow(/Positional/);
  });

  it('gives the values in $n order and names a missing one', () => {
    const statement = sql<{ leadId: string; now: Date; limit: number }>(
      'SELECT * FROM f WHERE lead_id = :leadId AND due_at <= :now ORDER BY due_at <= :now LIMIT :limit',
    );
    const now = new Date('2026-03-02T09:00:00Z');
    expect(statement.text).toBe(
      'SELECT * FROM f WHERE lead_id = $1 AND due_at <= $2 ORDER BY due_at <= $2 LIMIT $3',
    );
    expect(statement.values({ leadId: 'l1', now, limit: 5 })).toEqual(['l1', now, 5]);
    expect(() => statement.values({ leadId: 'l1', now } as never)).toThrow(':limit has no value');
  });

  it('runs on the transaction’s connection and answers rows, or the count a write touched', async () => {
    const query = jest.fn().mockResolvedValue({ records: [{ id: 'a' }], affected: 1 });
    const manager = { queryRunner: { query } } as unknown as EntityManager;
    const statement = sql<{ id: string }, { id: string }>(
      'DELETE FROM t WHERE id = :id RETURNING id',
    );
    await expect(statement.rows(manager, { id: 'a' })).resolves.toEqual([{ id: 'a' }]);
    await expect(statement.one(manager, { id: 'a' })).resolves.toEqual({ id: 'a' });
    await expect(statement.execute(manager, { id: 'a' })).resolves.toBe(1);
    expect(query).toHaveBeenCalledWith(
      { name: statement.name, text: 'DELETE FROM t WHERE id = $1 RETURNING id', values: ['a'] },
      undefined,
      true,
    );
  });

  it('names a statement by its text: one prepared statement per text, another for another', () => {
    const a = sql('SELECT 1 FROM t WHERE id = :id');
    expect(a.name).toMatch(/^intake_[0-9a-f]{32}$/);
    expect(sql('SELECT 1 FROM t WHERE id = :id').name).toBe(a.name);
    expect(sql('SELECT 2 FROM t WHERE id = :id').name).not.toBe(a.name);
  });
});

describe('column maps', () => {
  const followUps = table('follow_ups', {
    id: col.uuid('id'),
    leadId: col.uuid('lead_id'),
    status: col.text<'open' | 'completed'>('status'),
    dueAt: col.timestamptz('due_at'),
    assigneeId: col.uuid('assignee_id').nullable(),
    labels: col.textArray('labels'),
    skipped: col.jsonb<Array<{ staffId: string }>>('skipped'),
    note: col.jsonb<{ text: string }>('note').nullable(),
  });

  it('gives the row type', () => {
    const row: RowOf<typeof followUps.columns> = {
      id: 'f1',
      leadId: 'l1',
      status: 'open',
      dueAt: new Date(),
      assigneeId: null,
      labels: [],
      skipped: [],
      note: null,
    };
    // @ts-expect-error a status the column does not take
    const wrong: RowOf<typeof followUps.columns>['status'] = 'lost';
    expect([row.status, wrong]).toEqual(['open', 'lost']);
  });

  it('reads each column as its property', () => {
    expect(followUps.select(['id', 'leadId', 'dueAt'])).toBe(
      'id, lead_id AS "leadId", due_at AS "dueAt"',
    );
    expect(followUps.select(['id', 'assigneeId'], 'f')).toBe('f.id, f.assignee_id AS "assigneeId"');
    expect(followUps.select()).toBe(
      'id, lead_id AS "leadId", status, due_at AS "dueAt", assignee_id AS "assigneeId", labels, skipped, note',
    );
  });

  it('writes the properties asked, as named parameters', () => {
    const insert = followUps.insert(['id', 'leadId', 'dueAt']);
    expect(insert).toBe(
      'INSERT INTO follow_ups (id, lead_id, due_at) VALUES (:id, :leadId, :dueAt)',
    );
    expect(expandNamed(insert).names).toEqual(['id', 'leadId', 'dueAt']);
    expect(followUps.insert(['id'], 'f')).toBe('INSERT INTO follow_ups AS f (id) VALUES (:id)');
    expect(followUps.set(['status', 'assigneeId'])).toBe(
      'status = :status, assignee_id = :assigneeId',
    );
    expect(followUps.col('leadId', 'f')).toBe('f.lead_id');
  });

  it('sends the properties asked, jsonb as JSON text (an array too), NULL as NULL', () => {
    const snapshot = {
      id: 'f1',
      skipped: [{ staffId: 's1' }],
      note: null,
      labels: ['a'],
      notAColumn: 1,
    };
    expect(followUps.params(['id', 'skipped', 'note', 'labels'], snapshot)).toEqual({
      id: 'f1',
      skipped: '[{"staffId":"s1"}]',
      note: null,
      labels: ['a'],
    });
    // @ts-expect-error a property asked for that the row lacks
    expect(followUps.params(['id', 'leadId'], snapshot)).toEqual({ id: 'f1', leadId: undefined });
  });

  it('inserts many rows as one unnest of a typed array per column, arrays refused', () => {
    const insert = followUps.insertMany(['id', 'dueAt', 'skipped']);
    expect(insert).toBe(
      'INSERT INTO follow_ups (id, due_at, skipped) SELECT * FROM unnest(:id::uuid[], :dueAt::timestamptz[], :skipped::jsonb[])',
    );
    expect(expandNamed(insert).names).toEqual(['id', 'dueAt', 'skipped']);
    expect(() => followUps.insertMany(['id', 'labels'])).toThrow(/array column/);
    const at = new Date();
    const rows = [
      { id: 'f1', dueAt: at, skipped: [{ staffId: 's1' }] },
      { id: 'f2', dueAt: at, skipped: [] },
    ];
    expect(followUps.rowsParams(['id', 'dueAt', 'skipped'], rows)).toEqual({
      id: ['f1', 'f2'],
      dueAt: [at, at],
      skipped: ['[{"staffId":"s1"}]', '[]'],
    });
  });

  it('knows its schema', () => {
    const leads = table('analytics.leads', { leadId: col.uuid('lead_id') });
    expect([leads.schema, leads.tableName]).toEqual(['analytics', 'leads']);
    expect([followUps.schema, followUps.tableName]).toEqual(['public', 'follow_ups']);
    expect(followUps.columns.assigneeId).toMatchObject({ type: 'uuid', allowsNull: true });
    expect(followUps.columns.leadId).toMatchObject({ type: 'uuid', allowsNull: false });
  });
});
