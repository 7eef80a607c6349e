import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@intake/platform';

/** A record the relay gave up on; no payload (it is for operators, and may be large). */
export interface ParkedEvent {
  id: string;
  type: string;
  partitionKey: string;
  sequence: string | null;
  attempts: number;
  reason: string;
  lastError: string | null;
  parkedAt: Date;
}

const COLUMNS = `id, type, partition_key AS "partitionKey", sequence::text AS sequence, attempts,
  parked_reason AS reason, last_error AS "lastError", parked_at AS "parkedAt"`;

/**
 * What an operator does with parked records (`npm run cli -- outbox:parked`, `outbox:redrive`,
 * `outbox:discard`). A re-driven record keeps its id and sequence: it goes out after the lead's
 * later events, and consumers that saw the gap now see the number filled. Inside a caller's
 * TransactionRunner.run, a change joins its transaction (the CLI audits it there).
 */
@Injectable()
export class ParkedEvents {
  constructor(private readonly tx: TransactionRunner) {}

  list(): Promise<ParkedEvent[]> {
    return this.tx
      .manager()
      .query(`SELECT ${COLUMNS} FROM outbox WHERE parked_at IS NOT NULL ORDER BY parked_at, seq`);
  }

  /**
   * Back to the relay with a fresh count; the record as it was parked, or null if no parked
   * record has that id.
   */
  async redrive(id: string): Promise<ParkedEvent | null> {
    const [rows]: [ParkedEvent[], number] = await this.tx.manager().query(
      `UPDATE outbox o SET parked_at = NULL, parked_reason = NULL, attempts = 0, next_attempt_at = now()
         FROM (SELECT seq, attempts, parked_at, parked_reason FROM outbox WHERE id = $1 AND parked_at IS NOT NULL FOR UPDATE) p
        WHERE o.seq = p.seq
       RETURNING o.id, o.type, o.partition_key AS "partitionKey", o.sequence::text AS sequence,
                 p.attempts, p.parked_reason AS reason, o.last_error AS "lastError", p.parked_at AS "parkedAt"`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Deleted for good: the lead's sequence keeps its gap. Null if no parked record has that id. */
  async discard(id: string): Promise<ParkedEvent | null> {
    const [rows]: [ParkedEvent[], number] = await this.tx
      .manager()
      .query(`DELETE FROM outbox WHERE id = $1 AND parked_at IS NOT NULL RETURNING ${COLUMNS}`, [
        id,
      ]);
    return rows[0] ?? null;
  }
}
