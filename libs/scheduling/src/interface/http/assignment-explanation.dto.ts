import { ApiProperty } from '@nestjs/swagger';
import { STRATEGIES } from '../../domain/routing';
import { AssignmentExplanation } from '../../application/explain-assignment/assignment-explanation.query';
import { summarizeDecision } from '../../application/explain-assignment/decision-summary';

export class SkipResponse {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({
    enum: ['inactive', 'away', 'off_shift', 'at_capacity', 'not_licensed', 'language'],
  })
  reason!: string;
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ enum: ['assigned', 'waiting', 'unassignable'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['rule', 'sticky', 'escalation', null] })
  reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ruleId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ruleName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) poolId!: string | null;
  @ApiProperty({ type: String, nullable: true }) poolName!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...STRATEGIES, null] }) strategy!:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName!: string | null;
  @ApiProperty({
    type: [SkipResponse],
    description: 'Who was passed over, in the order considered, and why.',
  })
  skipped!: SkipResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ description: 'The decision in one sentence.' }) summary!: string;
}

export class AssignmentExplanationResponse {
  @ApiProperty({ format: 'uuid' }) leadId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When routing tries again, if the lead waits for an owner.',
  })
  waitingUntil!: string | null;
  @ApiProperty({ type: [DecisionResponse], description: 'Newest first.' })
  decisions!: DecisionResponse[];

  static from(e: AssignmentExplanation): AssignmentExplanationResponse {
    const name = (id: string | null) => (id ? (e.staffNames[id] ?? null) : null);
    return {
      leadId: e.leadId,
      ownerId: e.ownerId,
      waitingUntil: e.waitingUntil?.toISOString() ?? null,
      decisions: e.decisions.map((d) => ({
        id: d.id,
        decidedAt: d.decidedAt.toISOString(),
        outcome: d.outcome,
        reason: d.reason,
        ruleId: d.ruleId,
        ruleName: d.ruleName,
        poolId: d.poolId,
        poolName: d.poolName,
        strategy: d.strategy,
        assigneeId: d.assigneeId,
        assigneeName: name(d.assigneeId),
        skipped: d.skipped.map((s) => ({ ...s, name: name(s.staffId) })),
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        summary: summarizeDecision(d, name),
      })),
    };
  }
}
