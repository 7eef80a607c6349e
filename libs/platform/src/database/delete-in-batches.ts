import { EntityManager } from 'typeorm';

/**
 * Runs a `DELETE … WHERE key IN (SELECT … LIMIT $n)` until it deletes fewer than `batch` rows,
 * so a large clean-up never holds long locks; `$n` is the last parameter. Returns the total.
 */
export async function deleteInBatches(
  manager: EntityManager,
  sql: string,
  params: unknown[],
  batch = 5000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const [, deleted]: [unknown, number] = await manager.query(sql, [...params, batch]);
    total += deleted;
    if (deleted < batch) return total;
  }
}
