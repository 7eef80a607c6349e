import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { SubmissionMetrics } from '../../application/submit-form/submission-metrics';
import { SubmissionThrottledError } from '../../domain/intake-errors';
import { SUBMISSION_THROTTLERS } from '../../application/submit-form/submission-throttle';

/** @nestjs/throttler's guard, refusing with Intake's error body (429, `Retry-After`). */
@Injectable()
export class SubmissionThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: SubmissionMetrics,
  ) {
    super(options, storage, reflector);
  }

  /**
   * Per source before per form, whatever order the library sorts them in: a request refused for
   * its source stops there, so one flooding address never uses up the form's allowance.
   */
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    const rank = (name: string | undefined) => SUBMISSION_THROTTLERS.indexOf(name as never);
    this.throttlers.sort((a, b) => rank(a.name) - rank(b.name));
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    this.metrics.record('throttled');
    throw new SubmissionThrottledError(detail.timeToBlockExpire);
  }
}
