import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@intake/platform';
import { FormNotFoundError, OriginNotAllowedError } from '../../domain/intake-errors';
import { FormRepository } from '../../infrastructure/form.repository';
import { StartTokens } from '../../infrastructure/start-tokens';
import { IssuedStartToken, IssueStartTokenQuery } from './issue-start-token.query';

/** Signs the time a page opened a form; nothing is stored, any api instance can read it back. */
@QueryHandler(IssueStartTokenQuery)
export class IssueStartTokenHandler implements IQueryHandler<
  IssueStartTokenQuery,
  IssuedStartToken
> {
  constructor(
    private readonly forms: FormRepository,
    private readonly tokens: StartTokens,
    private readonly clock: Clock,
  ) {}

  async execute({ props: query }: IssueStartTokenQuery): Promise<IssuedStartToken> {
    const form = await this.forms.findByKey(query.formKey);
    if (!form) throw new FormNotFoundError(query.formKey);
    if (!form.allowsOrigin(query.origin)) throw new OriginNotAllowedError();
    return {
      formKey: form.key,
      ...this.tokens.issue(form.key, this.clock.now()),
      allowedOrigin: query.origin,
    };
  }
}
