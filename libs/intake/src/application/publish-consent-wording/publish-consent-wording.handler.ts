import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { FormNotFoundError } from '../../domain/intake-errors';
import { ConsentWording } from '../../domain/form-consent';
import { ConsentWordingRepository } from '../../infrastructure/consent-wording.repository';
import { FormRepository } from '../../infrastructure/form.repository';
import { PublishConsentWordingCommand } from './publish-consent-wording.command';

@CommandHandler(PublishConsentWordingCommand)
export class PublishConsentWordingHandler implements ICommandHandler<
  PublishConsentWordingCommand,
  ConsentWording
> {
  constructor(
    private readonly forms: FormRepository,
    private readonly wordings: ConsentWordingRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Under the form's row lock, so two publications get two versions; audited in the same commit. */
  execute({ props: c }: PublishConsentWordingCommand): Promise<ConsentWording> {
    return this.tx.run(async () => {
      const form = await this.forms.findByKey(c.formKey, { lock: true });
      if (!form) throw new FormNotFoundError(c.formKey);
      const wording = await this.wordings.publish({
        formKey: form.key,
        kind: c.kind,
        text: c.text,
        createdAt: this.clock.now(),
        createdBy: c.context.actor.staffId,
      });
      await this.audit.record(c.context, {
        action: 'consent_wording.published',
        targetId: `${form.key}/${c.kind}`,
        before: null,
        after: { kind: wording.kind, version: wording.version, text: wording.text },
      });
      return wording;
    });
  }
}
