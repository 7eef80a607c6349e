import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { TransactionRunner } from '@intake/platform';
import { FormSettings, formSettingsProblems } from '../../domain/form';
import { FormInvalidError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { FormSettingsInput, SavedForm, SaveFormCommand } from './save-form.command';

@CommandHandler(SaveFormCommand)
export class SaveFormHandler implements ICommandHandler<SaveFormCommand, SavedForm> {
  constructor(
    private readonly forms: FormRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
  ) {}

  /** The form and its audit row commit together; the audit redacts the form's secrets. */
  async execute({ props: command }: SaveFormCommand): Promise<SavedForm> {
    return this.tx.run(async () => {
      const before = await this.forms.findByKey(command.settings.key, { lock: true });
      const settings = withCaptchaSecret(command.settings, before?.settings ?? null);
      const problems = formSettingsProblems(settings);
      if (problems.length > 0) throw new FormInvalidError(problems);
      const { created, updatedAt } = await this.forms.save(settings);
      await this.audit.record(command.context, {
        action: created ? 'form.created' : 'form.updated',
        targetId: settings.key,
        before: before ? { ...before.settings } : null,
        after: { ...settings },
      });
      return { settings, created, updatedAt };
    });
  }
}

/**
 * The secret is write-only: left out, the saved one stays, as long as the provider is the same
 * (another provider's secret would never verify). An empty secret is then a field error.
 */
function withCaptchaSecret(input: FormSettingsInput, saved: FormSettings | null): FormSettings {
  if (input.captcha === null) return { ...input, captcha: null };
  const kept = saved?.captcha?.provider === input.captcha.provider ? saved.captcha.secret : '';
  return { ...input, captcha: { ...input.captcha, secret: input.captcha.secret ?? kept } };
}
