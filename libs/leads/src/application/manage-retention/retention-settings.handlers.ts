import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { LeadInvalidError } from '../../domain/lead-errors';
import {
  DEFAULT_RETENTION,
  RetentionPolicy,
  retentionProblems,
} from '../../domain/retention-policy';
import { RetentionRepository } from '../../infrastructure/retention.repository';
import { GetRetentionSettingsQuery, ReplaceRetentionSettingsCommand } from './retention-settings';

/** The clinic's periods, or the documented defaults until an admin sets them. */
@QueryHandler(GetRetentionSettingsQuery)
export class GetRetentionSettingsHandler implements IQueryHandler<GetRetentionSettingsQuery> {
  constructor(private readonly retention: RetentionRepository) {}

  async execute(): Promise<RetentionPolicy> {
    return (await this.retention.policy()) ?? { ...DEFAULT_RETENTION };
  }
}

@CommandHandler(ReplaceRetentionSettingsCommand)
export class ReplaceRetentionSettingsHandler implements ICommandHandler<ReplaceRetentionSettingsCommand> {
  constructor(
    private readonly retention: RetentionRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute({
    props: { policy, context },
  }: ReplaceRetentionSettingsCommand): Promise<RetentionPolicy> {
    const problems = retentionProblems(policy);
    if (problems.length > 0) throw new LeadInvalidError(problems);
    await this.tx.run(async () => {
      const before = (await this.retention.policy()) ?? { ...DEFAULT_RETENTION };
      await this.retention.savePolicy(policy, context.actor.staffId, this.clock.now());
      await this.audit.record(context, {
        action: 'retention_settings.updated',
        targetId: null,
        before,
        after: policy,
      });
    });
    return policy;
  }
}
