import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { RoutingRule } from '../../domain/routing';

/** A rule as an admin gives it; a rule without an id is new. */
export type RuleInput = Omit<RoutingRule, 'id'> & { id?: string };

export interface ReplaceRoutingRulesProps {
  readonly rules: readonly RuleInput[];
  readonly context: AuditContext;
}

/** Replaces the whole ordered list; rules naming an unknown pool are refused, all at once. */
export class ReplaceRoutingRulesCommand extends Command<RoutingRule[]> {
  constructor(readonly props: ReplaceRoutingRulesProps) {
    super();
  }
}
