import type { FormSettings } from '../../domain/form';

export class SaveFormCommand {
  constructor(readonly settings: FormSettings) {}
}

export interface SavedForm {
  settings: FormSettings;
  created: boolean;
}
