import { Injectable } from '@nestjs/common';
import { sql, TransactionRunner } from '@intake/platform';
import { outbox } from '../infrastructure/events.tables';

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

const PARKED = ['id', 'type', 'partitionKey', 'sequence', 'attempts'] as const;
const COLUMNS = `${outbox.select(PARKED)}, parked_reason AS reason, ${outbox.select(['lastError', 'parkedAt'])}`;

const LIST = sql<Record<string, never>, ParkedEvent>(
  `SELECT ${COLUMNS} FROM outbox WHERE parked_at IS NOT NULL ORDER BY parked_at, seq`,
);

// Answers the record as it was parked: its attempts, reason and time from before the reset.
const REDRIVE = sql<{ id: string }, ParkedEvent>(
  `UPDATE outbox o SET parked_at = NULL, parked_reason = NULL, attempts = 0, next_attempt_at = now()
     FROM (SELECT seq, attempts, parked_at, parked_reason FROM outbox WHERE id = :id AND parked_at IS NOT NULL FOR UPDATE) p
    WHERE o.seq = p.seq
   RETURNING ${outbox.select(['id', 'type', 'partitionKey', 'sequence'], 'o')}, p.attempts, p.parked_reason AS reason, o.last_error AS "lastError", p.parked_at AS "parkedAt"`,
);

const DISCARD = sql<{ id: string }, ParkedEvent>(
  `DELETE FROM outbox WHERE id = :id AND parked_at IS NOT NULL RETURNING ${COLUMNS}`,
);

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
    return LIST.rows(this.tx.manager(), {});
  }

  /**
   * Back to the relay with a fresh count; the record as it was parked, or null if no parked
   * record has that id.
   */
  redrive(id: string): Promise<ParkedEvent | null> {
    return REDRIVE.one(this.tx.manager(), { id });
  }

  /** Deleted for good: the lead's sequence keeps its gap. Null if no parked record has that id. */
  discard(id: string): Promise<ParkedEvent | null> {
    return DISCARD.one(this.tx.manager(), { id });
  }
}
