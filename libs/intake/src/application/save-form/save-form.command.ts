import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { CaptchaSettings, FormSettings } from '../../domain/form';
import type { FormView } from '../list-forms/list-forms.query';

/** A form's settings as an admin sends them: a captcha secret left out keeps the saved one. */
export type FormSettingsInput = Omit<FormSettings, 'captcha'> & {
  captcha: (Omit<CaptchaSettings, 'secret'> & { secret: string | null }) | null;
};

export interface SaveFormProps {
  readonly settings: FormSettingsInput;
  readonly context: AuditContext;
}

export class SaveFormCommand extends Command<SavedForm> {
  constructor(readonly props: SaveFormProps) {
    super();
  }
}

export interface SavedForm extends FormView {
  created: boolean;
}
