import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from '@intake/platform';
import { FollowUpKind } from '../../domain/follow-up';
import { RoutedReason } from '../route-lead/routing-policy';

/** Lead response is judged in minutes (first call at 5 minutes vs 30): buckets up to a day. */
const ASSIGNMENT_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600, 14_400, 86_400];

/** What scheduling counts as it routes and escalates; observed after the change committed. */
@Injectable()
export class SchedulingMetrics {
  private readonly assignment: Histogram<'reason'>;
  private readonly breaches: Counter<'kind'>;

  constructor(metrics: Metrics) {
    this.assignment = metrics.histogram({
      name: 'intake_routing_assignment_seconds',
      help: "Time from a new lead's submission to its first owner given by routing, by reason (rule, sticky, escalation).",
      labelNames: ['reason'],
      buckets: ASSIGNMENT_BUCKETS,
    });
    this.breaches = metrics.counter({
      name: 'intake_followup_sla_breaches_total',
      help: 'Follow-ups that passed their SLA deadline while open (followup.overdue), by kind.',
      labelNames: ['kind'],
    });
  }

  leadAssigned(reason: RoutedReason, submittedAt: Date, at: Date): void {
    this.assignment.observe({ reason }, Math.max(0, (at.getTime() - submittedAt.getTime()) / 1000));
  }

  slaBreached(kind: FollowUpKind): void {
    this.breaches.inc({ kind });
  }
}
