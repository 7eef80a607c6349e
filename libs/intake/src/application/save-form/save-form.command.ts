import type { AuditContext } from '@intake/access';
import type { FormSettings } from '../../domain/form';
import type { FormView } from '../list-forms/list-forms.query';

export class SaveFormCommand {
  constructor(
    readonly settings: FormSettings,
    readonly context: AuditContext,
  ) {}
}

export interface SavedForm extends FormView {
  created: boolean;
}
