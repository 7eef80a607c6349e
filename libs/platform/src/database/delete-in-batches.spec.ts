import { EntityManager } from 'typeorm';
import { deleteInBatches } from './delete-in-batches';
import { sql } from './sql';

const PRUNE = sql<{ before: Date; batch: number }>(
  'DELETE FROM t WHERE id IN (SELECT id FROM t WHERE ended_at < :before LIMIT :batch)',
);

/** A manager whose statements delete these many rows, one count per run. */
function deleting(...counts: number[]): { manager: EntityManager; query: jest.Mock } {
  const query = jest.fn(async () => ({ records: [], affected: counts.shift() ?? 0 }));
  return { manager: { queryRunner: { query } } as unknown as EntityManager, query };
}

describe('deleteInBatches', () => {
  const before = new Date('2026-03-02T09:00:00Z');

  it('runs the statement until a batch comes back short, and adds up what it deleted', async () => {
    const { manager, query } = deleting(3, 3, 1);
    expect(await deleteInBatches(manager, PRUNE, { before }, 3)).toBe(7);
    expect(query).toHaveBeenCalledTimes(3);
    expect(query).toHaveBeenCalledWith(
      { name: PRUNE.name, text: PRUNE.text, values: [before, 3] },
      undefined,
      true,
    );
  });

  it('runs it once when nothing is left, with 5000 rows a batch unless told', async () => {
    const { manager, query } = deleting(0);
    expect(await deleteInBatches(manager, PRUNE, { before })).toBe(0);
    expect(query).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith(
      { name: PRUNE.name, text: PRUNE.text, values: [before, 5000] },
      undefined,
      true,
    );
  });
});
