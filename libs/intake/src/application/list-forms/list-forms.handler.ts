import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FormNotFoundError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { FormView, ListFormsQuery } from './list-forms.query';

@QueryHandler(ListFormsQuery)
export class ListFormsHandler implements IQueryHandler<ListFormsQuery, FormView[]> {
  constructor(private readonly forms: FormRepository) {}

  async execute({ props: query }: ListFormsQuery): Promise<FormView[]> {
    const forms = (await this.forms.list(query.key)).map(({ form, updatedAt }) => ({
      settings: { ...form.settings },
      updatedAt,
    }));
    if (query.key !== null && forms.length === 0) throw new FormNotFoundError(query.key);
    return forms;
  }
}
