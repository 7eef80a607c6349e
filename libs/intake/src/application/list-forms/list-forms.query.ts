import type { FormSettings } from '../../domain/form';

/** One form by key, or all of them when `key` is null. */
export class ListFormsQuery {
  constructor(readonly key: string | null = null) {}
}

export interface FormView {
  settings: FormSettings;
  updatedAt: Date;
}
