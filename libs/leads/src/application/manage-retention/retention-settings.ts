import { Command, Query } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { RetentionPolicy } from '../../domain/retention-policy';

export class GetRetentionSettingsQuery extends Query<RetentionPolicy> {}

export class ReplaceRetentionSettingsCommand extends Command<RetentionPolicy> {
  constructor(readonly props: { policy: RetentionPolicy; context: AuditContext }) {
    super();
  }
}
