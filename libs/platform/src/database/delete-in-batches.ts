import { EntityManager } from 'typeorm';
import { Params, Statement } from './sql';

/**
 * Runs a `DELETE … WHERE key IN (SELECT … LIMIT :batch)` until it deletes fewer than `batch`
 * rows, so a large clean-up never holds long locks. Returns the total.
 */
export async function deleteInBatches<P extends Params>(
  manager: EntityManager,
  statement: Statement<P & { batch: number }>,
  params: P,
  batch = 5000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await statement.execute(manager, { ...params, batch });
    total += deleted;
    if (deleted < batch) return total;
  }
}
