import { Query } from '@nestjs/cqrs';
import type { RoutingRule } from '../../domain/routing';

/** The routing rules, in evaluation order. */
export class ListRoutingRulesQuery extends Query<RoutingRule[]> {}
