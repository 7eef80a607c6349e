import { Query } from '@nestjs/cqrs';
import type { FormSettings } from '../../domain/form';

export interface ListFormsProps {
  /** One form by key, or all of them when null. */
  readonly key: string | null;
}

export class ListFormsQuery extends Query<FormView[]> {
  constructor(readonly props: ListFormsProps) {
    super();
  }
}

export interface FormView {
  settings: FormSettings;
  updatedAt: Date;
}
