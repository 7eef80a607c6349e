import { Query } from '@nestjs/cqrs';
import type { ConsentWording } from '../../domain/form-consent';

export interface ListConsentWordingsProps {
  readonly formKey: string;
}

/** Every version of a form's consent wording, by kind, newest first. */
export class ListConsentWordingsQuery extends Query<ConsentWording[]> {
  constructor(readonly props: ListConsentWordingsProps) {
    super();
  }
}
