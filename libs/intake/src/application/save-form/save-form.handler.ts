import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { formSettingsProblems } from '../../domain/form';
import { FormInvalidError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { SavedForm, SaveFormCommand } from './save-form.command';

@CommandHandler(SaveFormCommand)
export class SaveFormHandler implements ICommandHandler<SaveFormCommand, SavedForm> {
  constructor(private readonly forms: FormRepository) {}

  async execute(command: SaveFormCommand): Promise<SavedForm> {
    const problems = formSettingsProblems(command.settings);
    if (problems.length > 0) throw new FormInvalidError(problems);
    const { created, updatedAt } = await this.forms.save(command.settings);
    return { settings: command.settings, created, updatedAt };
  }
}
