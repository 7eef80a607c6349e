import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { attributionV1, integrationEvent, OutboxWriter } from '@intake/events';
import { CaptureLead } from '@intake/leads';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { ConsultationRequest, parseConsultationRequest } from '../../domain/consultation-request';
import { CanonicalFields, Form } from '../../domain/form';
import {
  FormNotFoundError,
  OriginNotAllowedError,
  SubmissionInvalidError,
} from '../../domain/intake-errors';
import { judgeSpam, parseInstant, SpamReason } from '../../domain/spam';
import { FormRepository } from '../../infrastructure/form.repository';
import { IdempotencyRepository } from '../../infrastructure/idempotency.repository';
import { IpHasher } from '../../infrastructure/ip-hasher';
import { SubmissionRepository } from '../../infrastructure/submission.repository';
import { SubmitFormCommand, SubmitFormResult } from './submit-form.command';

export const INTAKE_SOURCE = '/intake/intake';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

type StoredResponse = Omit<SubmitFormResult, 'thankYouUrl' | 'replayed'>;

interface Received {
  command: SubmitFormCommand;
  form: Form;
  fields: CanonicalFields;
  submissionId: string;
  receivedAt: Date;
}

@CommandHandler(SubmitFormCommand)
export class SubmitFormHandler implements ICommandHandler<SubmitFormCommand, SubmitFormResult> {
  constructor(
    private readonly forms: FormRepository,
    private readonly submissions: SubmissionRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly captureLead: CaptureLead,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly ipHasher: IpHasher,
  ) {}

  async execute(command: SubmitFormCommand): Promise<SubmitFormResult> {
    const form = await this.forms.findByKey(command.formKey);
    if (!form) throw new FormNotFoundError(command.formKey);
    if (!form.allowsOrigin(command.origin)) throw new OriginNotAllowedError();

    const fields = form.canonicalize(command.fields);
    const idempotencyKey = command.idempotencyKey ?? fields.submissionToken;
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new SubmissionInvalidError([
        {
          field: command.idempotencyKey !== null ? 'Idempotency-Key' : 'submissionToken',
          message: 'must be 1 to 200 visible ASCII characters',
        },
      ]);
    }
    const request = parseConsultationRequest(fields.known, form.settings.requiredFields);
    const receivedAt = this.clock.now();
    const spam = judgeSpam({
      honeypotValue: fields.honeypot,
      formStartedAt: fields.formStartedAt,
      receivedAt,
      minFillSeconds: form.settings.minFillSeconds,
    });
    const received: Received = { command, form, fields, submissionId: this.ids.next(), receivedAt };

    const response = await this.tx.run(async () => {
      if (idempotencyKey !== null) {
        const claim = await this.idempotency.claim<StoredResponse>(
          form.key,
          idempotencyKey,
          receivedAt,
        );
        if (!claim.claimed && claim.response) return { ...claim.response, replayed: true };
      }
      const stored = spam
        ? await this.reject(received, request, spam)
        : await this.accept(received, request);
      if (idempotencyKey !== null)
        await this.idempotency.complete(form.key, idempotencyKey, stored);
      return { ...stored, replayed: false };
    });
    return { ...response, thankYouUrl: form.settings.thankYouUrl };
  }

  private async accept(received: Received, request: ConsultationRequest): Promise<StoredResponse> {
    const { form, submissionId, receivedAt } = received;
    const captured = await this.captureLead.capture({
      submissionId,
      formKey: form.key,
      receivedAt,
      contact: { email: request.email, phone: request.phone },
      profile: {
        firstName: request.firstName,
        lastName: request.lastName,
        preferredContact: request.preferredContact,
        bestTimeToContact: request.bestTimeToContact,
        state: request.state,
        interest: request.interest,
        howDidYouHear: request.howDidYouHear,
        contactConsent: request.contactConsent,
        smsConsent: request.smsConsent,
      },
      touch: { submissionId, formKey: form.key, at: receivedAt, ...request.attribution },
    });
    await this.submissions.insert(this.submissionRow(received, request, captured.leadId, null));
    return { submissionId, leadId: captured.leadId, duplicate: captured.duplicate };
  }

  /**
   * Spam is stored and reported, but answered like real input so a bot learns nothing. The
   * lead id it is given is random and belongs to no lead.
   */
  private async reject(
    received: Received,
    request: ConsultationRequest,
    reason: SpamReason,
  ): Promise<StoredResponse> {
    const { form, submissionId, receivedAt } = received;
    await this.submissions.insert(this.submissionRow(received, request, null, reason));
    await this.outbox.append([
      integrationEvent('intake.submission.rejected.v1', {
        key: submissionId,
        subject: submissionId,
        source: INTAKE_SOURCE,
        occurredAt: receivedAt,
        data: {
          submissionId,
          formKey: form.key,
          receivedAt: receivedAt.toISOString(),
          reason,
          attribution: attributionV1(request.attribution),
        },
      }),
    ]);
    return { submissionId, leadId: this.ids.next(), duplicate: false };
  }

  private submissionRow(
    received: Received,
    request: ConsultationRequest,
    leadId: string | null,
    rejection: SpamReason | null,
  ) {
    const { command, fields, form, submissionId, receivedAt } = received;
    const startedAt = parseInstant(fields.formStartedAt);
    return {
      id: submissionId,
      formKey: form.key,
      leadId,
      status: rejection ? ('rejected' as const) : ('accepted' as const),
      rejectionReason: rejection,
      fields: fields.known,
      unknownFields: fields.unknown,
      attribution: request.attribution,
      ipHash: this.ipHasher.hash(command.clientIp),
      userAgent: command.userAgent?.slice(0, 512) ?? null,
      fillMs: startedAt ? clampInt(receivedAt.getTime() - startedAt.getTime()) : null,
      receivedAt,
    };
  }
}

function clampInt(ms: number): number {
  return Math.max(-2_147_483_648, Math.min(2_147_483_647, Math.round(ms)));
}
