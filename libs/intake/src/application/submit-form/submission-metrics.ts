import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Metrics } from '@intake/platform';

/**
 * What became of a submission: `accepted` (a new lead), `duplicate` (attached to the person's
 * open lead), `spam` (stored as rejected), `throttled` (refused for too many requests),
 * `invalid` (field errors, SUBMISSION.INVALID).
 */
export const SUBMISSION_OUTCOMES = [
  'accepted',
  'duplicate',
  'spam',
  'throttled',
  'invalid',
] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];

/**
 * `intake_submissions_total{outcome}`. Record each submission once, where its outcome is
 * decided and after anything it stored committed; an idempotent replay is not a new submission
 * and is not recorded.
 */
@Injectable()
export class SubmissionMetrics {
  private readonly submissions: Counter<'outcome'>;

  constructor(metrics: Metrics) {
    this.submissions = metrics.counter({
      name: 'intake_submissions_total',
      help: 'Form submissions by outcome: accepted, duplicate, spam, throttled, invalid.',
      labelNames: ['outcome'],
    });
    // Every outcome from zero, so a rate over a fresh process is defined.
    for (const outcome of SUBMISSION_OUTCOMES) this.submissions.inc({ outcome }, 0);
  }

  record(outcome: SubmissionOutcome): void {
    this.submissions.inc({ outcome });
  }
}
