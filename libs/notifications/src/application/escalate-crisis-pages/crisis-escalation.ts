import { Inject, Injectable } from '@nestjs/common';
import { OutboxWriter } from '@intake/events';
import { Clock, PeriodicJob, TransactionRunner } from '@intake/platform';
import { escalate } from '../../domain/crisis/crisis-page';
import { CrisisPageRepository } from '../../infrastructure/crisis-page.repository';
import { OnCallSettingsRepository } from '../../infrastructure/on-call-settings.repository';
import { crisisEscalated } from '../page-on-call/crisis-events';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';
import { CrisisPaging } from '../page-on-call/crisis-paging';

const BATCH = 50;

/**
 * The crisis clock (worker): each open page past its time pages the next person, queues
 * `crisis.escalated`, and waits the acknowledgement timeout again. Pages are locked and skipped
 * by another worker, so each step pages once.
 */
@Injectable()
export class CrisisEscalation extends PeriodicJob {
  constructor(
    private readonly pages: CrisisPageRepository,
    private readonly onCall: OnCallSettingsRepository,
    private readonly paging: CrisisPaging,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_OPTIONS) options: NotificationsOptions,
  ) {
    const every = options.crisis ?? { escalationIntervalMs: 5000, autoStart: true };
    super('crisis-escalation', {
      intervalMs: every.escalationIntervalMs,
      autoStart: every.autoStart,
    });
  }

  runOnce(): Promise<number> {
    return this.escalateDue();
  }

  /** Escalates every page due now; how many steps were paged. */
  async escalateDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.tx.run(async () => {
        const now = this.clock.now();
        const due = await this.pages.dueForEscalation(now, BATCH);
        if (due.length === 0) return 0;
        const { ackTimeoutMinutes } = await this.onCall.get();
        for (const page of due) {
          const next = escalate(page, now, ackTimeoutMinutes)!;
          await this.pages.update(next);
          await this.paging.page(next);
          await this.outbox.append([crisisEscalated(page, next, now)]);
        }
        return due.length;
      });
      total += done;
      if (done < BATCH) return total;
    }
  }
}
