import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { ContactRules, contactRulesProblems } from '../../domain/contact-rules';
import { ContactRulesInvalidError } from '../../domain/lead-errors';
import { ConsentLedgerRepository } from '../../infrastructure/consent-ledger.repository';
import { ReplaceContactRulesCommand } from './replace-contact-rules.command';

@CommandHandler(ReplaceContactRulesCommand)
export class ReplaceContactRulesHandler implements ICommandHandler<
  ReplaceContactRulesCommand,
  ContactRules
> {
  constructor(
    private readonly consents: ConsentLedgerRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** The rules and their audit row commit together; the next attempt is checked by them. */
  execute({ props: c }: ReplaceContactRulesCommand): Promise<ContactRules> {
    const problems = contactRulesProblems(c.rules);
    if (problems.length > 0) throw new ContactRulesInvalidError(problems);
    return this.tx.run(async () => {
      const before = await this.consents.rules();
      const rules: ContactRules = {
        quietHours: c.rules.quietHours,
        clinicTimeZone: c.rules.clinicTimeZone,
      };
      await this.consents.saveRules(rules, {
        actorId: c.context.actor.staffId,
        at: this.clock.now(),
      });
      await this.audit.record(c.context, {
        action: 'contact_rules.updated',
        targetId: null,
        before: { ...before },
        after: { ...rules },
      });
      return rules;
    });
  }
}
