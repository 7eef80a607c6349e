import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FormNotFoundError } from '../../domain/intake-errors';
import { ConsentWording } from '../../domain/form-consent';
import { ConsentWordingRepository } from '../../infrastructure/consent-wording.repository';
import { FormRepository } from '../../infrastructure/form.repository';
import { ListConsentWordingsQuery } from './list-consent-wordings.query';

@QueryHandler(ListConsentWordingsQuery)
export class ListConsentWordingsHandler implements IQueryHandler<
  ListConsentWordingsQuery,
  ConsentWording[]
> {
  constructor(
    private readonly forms: FormRepository,
    private readonly wordings: ConsentWordingRepository,
  ) {}

  async execute({ props: q }: ListConsentWordingsQuery): Promise<ConsentWording[]> {
    if (!(await this.forms.findByKey(q.formKey))) throw new FormNotFoundError(q.formKey);
    return this.wordings.ofForm(q.formKey);
  }
}
