import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@intake/events';
import { Clock, TransactionRunner } from '@intake/platform';
import { LeadCrisisClock } from '@intake/leads';
import {
  acknowledge,
  CrisisPageState,
  secondsSinceSubmission,
} from '../../domain/crisis/crisis-page';
import { CrisisPageNotFoundError } from '../../domain/crisis/crisis-errors';
import { CrisisPageRepository } from '../../infrastructure/crisis-page.repository';
import { crisisAcknowledged } from '../page-on-call/crisis-events';
import { AcknowledgeCrisisPageCommand } from './acknowledge-crisis-page.command';

@CommandHandler(AcknowledgeCrisisPageCommand)
export class AcknowledgeCrisisPageHandler implements ICommandHandler<AcknowledgeCrisisPageCommand> {
  constructor(
    private readonly pages: CrisisPageRepository,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly crisisClock: LeadCrisisClock,
  ) {}

  execute({
    props: { pageId, staffId, requestId },
  }: AcknowledgeCrisisPageCommand): Promise<CrisisPageState> {
    return this.tx.run(async () => {
      const page = await this.pages.findById(pageId, { lock: true });
      if (!page) throw new CrisisPageNotFoundError(pageId);
      const acknowledged = acknowledge(page, staffId, this.clock.now());
      if (!acknowledged) return page;
      await this.pages.update(acknowledged);
      await this.outbox.append([crisisAcknowledged(acknowledged)]);
      const at = acknowledged.acknowledgedAt!;
      await this.crisisClock.record(
        {
          leadId: page.leadId,
          pageId: page.id,
          kind: 'acknowledged',
          seconds: secondsSinceSubmission(page, at),
          actorId: staffId,
          at,
        },
        requestId,
      );
      return acknowledged;
    });
  }
}
