import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FormNotFoundError, OriginNotAllowedError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { FormAccess, GetFormAccessQuery } from './get-form-access.query';

@QueryHandler(GetFormAccessQuery)
export class GetFormAccessHandler implements IQueryHandler<GetFormAccessQuery, FormAccess> {
  constructor(private readonly forms: FormRepository) {}

  async execute({ props: query }: GetFormAccessQuery): Promise<FormAccess> {
    const form = await this.forms.findByKey(query.formKey);
    if (!form) throw new FormNotFoundError(query.formKey);
    if (!form.allowsOrigin(query.origin)) throw new OriginNotAllowedError();
    return { formKey: form.key, allowedOrigin: query.origin };
  }
}
