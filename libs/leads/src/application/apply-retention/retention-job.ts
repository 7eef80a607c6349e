import { Inject, Injectable } from '@nestjs/common';
import { OutboxWriter } from '@intake/events';
import { Clock, IdGenerator, PeriodicJob, TransactionRunner } from '@intake/platform';
import {
  CLOSED_STATUSES,
  DEFAULT_RETENTION,
  retentionCutoffs,
} from '../../domain/retention-policy';
import { LeadDeidentifier } from '../../infrastructure/lead-deidentifier';
import { RetentionRepository } from '../../infrastructure/retention.repository';
import { leadErasedEvent } from '../write-lead/lead-integration-events';

export const RETENTION_JOB_OPTIONS = Symbol('RETENTION_JOB_OPTIONS');

export interface RetentionJobOptions {
  intervalMs: number;
  autoStart: boolean;
  /** Rows per batch; each batch is its own transaction. */
  batchSize?: number;
}

export interface RetentionCounts {
  spamSubmissionsDeleted: number;
  submissionsRawFieldsRemoved: number;
  closedLeadsDeidentified: number;
  accessLogDeleted: number;
  adminAuditDeleted: number;
}

/**
 * Applies the clinic's retention policy: in batches of rows nobody else holds (SKIP LOCKED), each
 * batch its own transaction, and a `retention_runs` row saying what the run did. Deletes of the
 * access log and admin audit, and the de-identification of history, pass the append-only guard
 * only because that row names the run. Two workers may run it at once: they take different rows.
 */
@Injectable()
export class RetentionJob extends PeriodicJob {
  private readonly batch: number;

  constructor(
    private readonly retention: RetentionRepository,
    private readonly deidentifier: LeadDeidentifier,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(RETENTION_JOB_OPTIONS) options: RetentionJobOptions,
  ) {
    super('RetentionJob', options);
    this.batch = options.batchSize ?? 500;
  }

  /** One run; answers its id and what it did. */
  async runOnce(): Promise<{ runId: string; counts: RetentionCounts }> {
    const runId = this.ids.next();
    const now = this.clock.now();
    const cutoffs = retentionCutoffs((await this.retention.policy()) ?? DEFAULT_RETENTION, now);
    await this.retention.startRun(runId, now);
    // A run left unfinished would keep the append-only guard open for it: it is finished
    // whatever happens (only a killed process can leave one open).
    let counts: RetentionCounts | undefined;
    try {
      counts = await this.apply(runId, now, cutoffs);
    } finally {
      await this.retention.finishRun(runId, this.clock.now(), { ...counts });
    }
    return { runId, counts };
  }

  private async apply(
    runId: string,
    now: Date,
    cutoffs: ReturnType<typeof retentionCutoffs>,
  ): Promise<RetentionCounts> {
    const operation = { kind: 'retention' as const, id: runId };
    const batch = this.batch;
    return {
      spamSubmissionsDeleted: await this.inBatches(() =>
        this.retention.deleteSpam({ before: cutoffs.spamBefore, batch }),
      ),
      submissionsRawFieldsRemoved: await this.inBatches(() =>
        this.retention.removeRawFields(
          { before: cutoffs.rawFieldsClosedBefore, batch },
          CLOSED_STATUSES,
        ),
      ),
      closedLeadsDeidentified:
        cutoffs.closedLeadsBefore === null
          ? 0
          : await this.inBatches(async () => {
              const leadIds = await this.retention.claimClosedLeads(
                { before: cutoffs.closedLeadsBefore!, batch },
                CLOSED_STATUSES,
              );
              await this.deidentifier.deidentify(leadIds, operation, now);
              await this.outbox.append(
                leadIds.map((leadId) =>
                  leadErasedEvent({ leadId, cause: 'retention', erasureId: null }, now),
                ),
              );
              return leadIds.length;
            }),
      accessLogDeleted: await this.inBatches(async () => {
        await this.deidentifier.openGuard(operation);
        return this.retention.deleteAccessLog({ before: cutoffs.auditBefore, batch });
      }),
      adminAuditDeleted: await this.inBatches(async () => {
        await this.deidentifier.openGuard(operation);
        return this.retention.deleteAdminAudit({ before: cutoffs.auditBefore, batch });
      }),
    };
  }

  /** Batches, each in its own transaction, until one comes back short. */
  private async inBatches(work: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.tx.run(work);
      total += done;
      if (done < this.batch) return total;
    }
  }
}
