import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CrisisPageState } from '../../domain/crisis/crisis-page';
import { CrisisPageRepository } from '../../infrastructure/crisis-page.repository';
import { ListCrisisPagesQuery } from './list-crisis-pages.query';

@QueryHandler(ListCrisisPagesQuery)
export class ListCrisisPagesHandler implements IQueryHandler<
  ListCrisisPagesQuery,
  CrisisPageState[]
> {
  constructor(private readonly pages: CrisisPageRepository) {}

  execute({ props: q }: ListCrisisPagesQuery): Promise<CrisisPageState[]> {
    return this.pages.ofLead(q.leadId);
  }
}
