import type { FormSettings } from '../../domain/form';
import type { FormView } from '../list-forms/list-forms.query';

export class SaveFormCommand {
  constructor(readonly settings: FormSettings) {}
}

export interface SavedForm extends FormView {
  created: boolean;
}
