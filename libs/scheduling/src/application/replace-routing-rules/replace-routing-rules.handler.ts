import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { FieldError } from '@intake/kernel';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { RoutingRule } from '../../domain/routing';
import { SchedulingInvalidError } from '../../domain/scheduling-errors';
import { PoolRepository } from '../../infrastructure/pool.repository';
import { RoutingQueueRepository } from '../../infrastructure/routing-queue.repository';
import { RuleRepository } from '../../infrastructure/rule.repository';
import { ReplaceRoutingRulesCommand } from './replace-routing-rules.command';

@CommandHandler(ReplaceRoutingRulesCommand)
export class ReplaceRoutingRulesHandler implements ICommandHandler<ReplaceRoutingRulesCommand> {
  constructor(
    private readonly pools: PoolRepository,
    private readonly rules: RuleRepository,
    private readonly queue: RoutingQueueRepository,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  execute({
    props: { rules: input, context },
  }: ReplaceRoutingRulesCommand): Promise<RoutingRule[]> {
    return this.tx.run(async () => {
      const known = new Set((await this.pools.list()).map((p) => p.id));
      const problems: FieldError[] = input.flatMap((rule, i) =>
        known.has(rule.poolId) ? [] : [{ field: `rules[${i}].poolId`, message: 'is not a pool' }],
      );
      const ids = input.map((r) => r.id).filter((id) => id !== undefined);
      input.forEach((rule, i) => {
        if (rule.id !== undefined && ids.indexOf(rule.id) !== ids.lastIndexOf(rule.id)) {
          problems.push({ field: `rules[${i}].id`, message: 'is used by another rule' });
        }
      });
      if (problems.length > 0) throw new SchedulingInvalidError(problems);
      const rules = input.map((r) => ({ ...r, id: r.id ?? this.ids.next() }));
      const before = await this.rules.list();
      await this.rules.replaceAll(rules);
      await this.queue.replanWaiting(this.clock.now());
      await this.audit.record(context, {
        action: 'routing_rules.replaced',
        targetId: null,
        before: { rules: before },
        after: { rules },
      });
      return rules;
    });
  }
}
