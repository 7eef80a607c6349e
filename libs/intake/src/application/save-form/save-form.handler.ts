import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditService } from '@intake/access';
import { TransactionRunner } from '@intake/platform';
import { formSettingsProblems } from '../../domain/form';
import { FormInvalidError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { SavedForm, SaveFormCommand } from './save-form.command';

@CommandHandler(SaveFormCommand)
export class SaveFormHandler implements ICommandHandler<SaveFormCommand, SavedForm> {
  constructor(
    private readonly forms: FormRepository,
    private readonly audit: AdminAuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /** The form and its audit row commit together; the audit redacts the form's secrets. */
  async execute(command: SaveFormCommand): Promise<SavedForm> {
    const problems = formSettingsProblems(command.settings);
    if (problems.length > 0) throw new FormInvalidError(problems);
    return this.tx.run(async () => {
      const before = await this.forms.findByKey(command.settings.key, { lock: true });
      const { created, updatedAt } = await this.forms.save(command.settings);
      await this.audit.record(command.context, {
        action: created ? 'form.created' : 'form.updated',
        targetId: command.settings.key,
        before: before ? { ...before.settings } : null,
        after: { ...command.settings },
      });
      return { settings: command.settings, created, updatedAt };
    });
  }
}
