import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RoutingRule } from '../../domain/routing';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { ListRoutingRulesQuery } from './list-routing-rules.query';

@QueryHandler(ListRoutingRulesQuery)
export class ListRoutingRulesHandler implements IQueryHandler<
  ListRoutingRulesQuery,
  RoutingRule[]
> {
  constructor(private readonly rules: RuleRepository) {}

  execute(): Promise<RoutingRule[]> {
    return this.rules.list();
  }
}
