import { col, table } from '@intake/platform';
import { WeeklyHours } from '../domain/business-time';
import { CancelReason, FollowUpKind, FollowUpStatus, RescheduleReason } from '../domain/follow-up';
import { RuleConditions, Skip, Strategy } from '../domain/routing';
import { Priority, SchedulingSettings } from '../domain/scheduling-settings';
import { AwayReason } from '../domain/staff-schedule';

/**
 * Scheduling's tables as its SQL reads and writes them (migration Scheduling1796000000000): the
 * column maps of the typed SQL layer, checked against the database by test/schema.e2e-spec.ts.
 */

/** `adopted`: an open lead from before scheduling existed; it keeps its owner, if it has one. */
export type RoutingCause = 'new' | 'reopened' | 'adopted';

export type DecisionOutcome = 'assigned' | 'waiting' | 'unassignable';
export type DecisionReason = 'rule' | 'sticky' | 'escalation';

export const schedulingSettings = table('scheduling_settings', {
  id: col.smallint('id'),
  settings: col.jsonb<Partial<SchedulingSettings>>('settings'),
  updatedAt: col.timestamptz('updated_at'),
  updatedBy: col.uuid('updated_by').nullable(),
});

export const staffSchedules = table('staff_schedules', {
  staffId: col.uuid('staff_id'),
  timeZone: col.text('time_zone').nullable(),
  workingHours: col.jsonb<WeeklyHours>('working_hours').nullable(),
  languages: col.textArray('languages'),
  licensedStates: col.textArray('licensed_states').nullable(),
  capacity: col.integer('capacity').nullable(),
  weight: col.integer('weight'),
  lastAssignedAt: col.timestamptz('last_assigned_at').nullable(),
  updatedAt: col.timestamptz('updated_at'),
});

export const staffAwayPeriods = table('staff_away_periods', {
  id: col.uuid('id'),
  staffId: col.uuid('staff_id'),
  startsAt: col.timestamptz('starts_at'),
  endsAt: col.timestamptz('ends_at'),
  reason: col.text<AwayReason>('reason'),
  createdAt: col.timestamptz('created_at'),
  createdBy: col.uuid('created_by').nullable(),
});

export const routingPools = table('routing_pools', {
  id: col.uuid('id'),
  name: col.text('name'),
  strategy: col.text<Strategy>('strategy'),
  allCoordinators: col.boolean('all_coordinators'),
  catchUpCap: col.integer('catch_up_cap'),
  isDefault: col.boolean('is_default'),
  lastStaffId: col.uuid('last_staff_id').nullable(),
  lastPosition: col.integer('last_position').nullable(),
  virtualTime: col.doublePrecision('virtual_time'),
  createdAt: col.timestamptz('created_at'),
  updatedAt: col.timestamptz('updated_at'),
});

export const routingPoolMembers = table('routing_pool_members', {
  poolId: col.uuid('pool_id'),
  staffId: col.uuid('staff_id'),
  position: col.integer('position'),
  pass: col.doublePrecision('pass'),
  assignedCount: col.integer('assigned_count'),
  lastAssignedAt: col.timestamptz('last_assigned_at').nullable(),
});

export const routingRules = table('routing_rules', {
  id: col.uuid('id'),
  position: col.integer('position'),
  name: col.text('name'),
  conditions: col.jsonb<RuleConditions>('conditions'),
  poolId: col.uuid('pool_id'),
  active: col.boolean('active'),
});

export const routingQueue = table('routing_queue', {
  leadId: col.uuid('lead_id'),
  dueAt: col.timestamptz('due_at'),
  cause: col.text<RoutingCause>('cause'),
  queuedAt: col.timestamptz('queued_at'),
  attempts: col.integer('attempts'),
  unassignableAt: col.timestamptz('unassignable_at').nullable(),
});

export const assignmentDecisions = table('assignment_decisions', {
  id: col.uuid('id'),
  leadId: col.uuid('lead_id'),
  decidedAt: col.timestamptz('decided_at'),
  outcome: col.text<DecisionOutcome>('outcome'),
  reason: col.text<DecisionReason>('reason').nullable(),
  ruleId: col.uuid('rule_id').nullable(),
  ruleName: col.text('rule_name').nullable(),
  poolId: col.uuid('pool_id').nullable(),
  poolName: col.text('pool_name').nullable(),
  strategy: col.text('strategy').nullable(),
  assigneeId: col.uuid('assignee_id').nullable(),
  skipped: col.jsonb<Skip[]>('skipped'),
  nextAttemptAt: col.timestamptz('next_attempt_at').nullable(),
});

export const followUps = table('follow_ups', {
  id: col.uuid('id'),
  leadId: col.uuid('lead_id'),
  kind: col.text<FollowUpKind>('kind'),
  status: col.text<FollowUpStatus>('status'),
  dueAt: col.timestamptz('due_at'),
  slaDeadline: col.timestamptz('sla_deadline'),
  assigneeId: col.uuid('assignee_id').nullable(),
  attempt: col.integer('attempt'),
  priority: col.text<Priority>('priority'),
  priorityRank: col.smallint('priority_rank'),
  dueNotifiedAt: col.timestamptz('due_notified_at').nullable(),
  overdueAt: col.timestamptz('overdue_at').nullable(),
  createdAt: col.timestamptz('created_at'),
  closedAt: col.timestamptz('closed_at').nullable(),
  outcome: col.text('outcome').nullable(),
  attemptId: col.uuid('attempt_id').nullable(),
  cancelReason: col.text<CancelReason>('cancel_reason').nullable(),
  rescheduleReason: col.text<RescheduleReason>('reschedule_reason').nullable(),
});
