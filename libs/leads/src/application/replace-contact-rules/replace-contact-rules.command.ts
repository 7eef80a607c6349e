import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { ContactRules } from '../../domain/contact-rules';

export interface ReplaceContactRulesProps {
  readonly rules: ContactRules;
  readonly context: AuditContext;
}

export class ReplaceContactRulesCommand extends Command<ContactRules> {
  constructor(readonly props: ReplaceContactRulesProps) {
    super();
  }
}
