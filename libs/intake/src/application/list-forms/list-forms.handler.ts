import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FormNotFoundError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { FormView, ListFormsQuery } from './list-forms.query';

@QueryHandler(ListFormsQuery)
export class ListFormsHandler implements IQueryHandler<ListFormsQuery, FormView[]> {
  constructor(private readonly forms: FormRepository) {}

  async execute(query: ListFormsQuery): Promise<FormView[]> {
    const all = (await this.forms.list()).map(({ form, updatedAt }) => ({
      settings: { ...form.settings },
      updatedAt,
    }));
    if (query.key === null) return all;
    const one = all.filter((f) => f.settings.key === query.key);
    if (one.length === 0) throw new FormNotFoundError(query.key);
    return one;
  }
}
