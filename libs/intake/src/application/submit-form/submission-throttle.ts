import { ExecutionContext, Injectable } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { DEFAULT_SUBMISSION_LIMITS, Form, RateLimit, SubmissionLimits } from '../../domain/form';
import { FormRepository } from '../../infrastructure/form.repository';
import { KeyedHasher } from '../../infrastructure/keyed-hasher';
import { PostgresThrottlerStorage } from '../../infrastructure/postgres-throttler.storage';

/** The guard's throttlers, in the order they must run. */
export const SUBMISSION_THROTTLERS = ['source', 'form'] as const;

/**
 * A form's submission limits, enforced with @nestjs/throttler on the shared PostgreSQL storage.
 * Per source address and per form run in the guard, before the body is read, so a flood costs
 * one statement a request. Per contact needs the parsed body, so the handler asks `contactAllowed`.
 */
@Injectable()
export class SubmissionThrottle {
  constructor(
    private readonly forms: FormRepository,
    private readonly hasher: KeyedHasher,
    private readonly storage: PostgresThrottlerStorage,
  ) {}

  /** The guard's throttlers. An unknown form gets the defaults; the handler then answers 404. */
  throttlers(): ThrottlerOptions[] {
    const scoped = (
      name: (typeof SUBMISSION_THROTTLERS)[number],
      scope: 'perSource' | 'perForm',
      tracker: (req: Request) => string,
    ): ThrottlerOptions => ({
      name,
      limit: async (context) => (await this.limitOf(context, scope)).limit,
      ttl: async (context) => (await this.limitOf(context, scope)).windowSeconds * 1000,
      getTracker: (req) => tracker(req as Request),
    });
    return [
      scoped(
        'source',
        'perSource',
        (req) => `${formKeyOf(req)}:${this.hasher.hash(req.ip ?? null)}`,
      ),
      scoped('form', 'perForm', (req) => formKeyOf(req)),
    ];
  }

  /**
   * Counts a submission against each contact channel it names; false when one is over the
   * form's limit. Keys are keyed hashes: the counters never hold an email or a phone number.
   */
  async contactAllowed(form: Form, contacts: Array<string | null>): Promise<boolean> {
    const { limit, windowSeconds } = form.settings.limits.perContact;
    const keys = contacts
      .filter((contact) => contact !== null)
      .map((contact) => `contact:${this.hasher.hash(`${form.key}\u0000${contact}`)}`);
    const hits = await this.storage.incrementEach(
      keys,
      windowSeconds * 1000,
      limit,
      windowSeconds * 1000,
    );
    return [...hits.values()].every((hit) => !hit.isBlocked);
  }

  /** The form is read once per request (FormRepository), however many throttlers ask. */
  private async limitOf(
    context: ExecutionContext,
    scope: keyof SubmissionLimits,
  ): Promise<RateLimit> {
    const req = context.switchToHttp().getRequest<Request>();
    const form = await this.forms.findByKey(formKeyOf(req));
    return (form?.settings.limits ?? DEFAULT_SUBMISSION_LIMITS)[scope];
  }
}

function formKeyOf(req: Request): string {
  return String(req.params.formKey ?? '');
}
