import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OutboxWriter } from '@intake/events';
import { CaptureLead, mentionsCrisis } from '@intake/leads';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { parseConsultationRequest } from '../../domain/consultation-request';
import {
  CaptchaUnavailableError,
  FormNotFoundError,
  OriginNotAllowedError,
  SubmissionInvalidError,
} from '../../domain/intake-errors';
import { judgeSpam, SpamReason, startedAtOf } from '../../domain/spam';
import { Form } from '../../domain/form';
import { FormPage, formPageOf, grantedKinds } from '../../domain/form-consent';
import { CaptchaVerifier } from '../../infrastructure/captcha-verifier';
import { StartTokens } from '../../infrastructure/start-tokens';
import { Receipt, Submission } from '../../domain/submission';
import { ConsentWordingRepository } from '../../infrastructure/consent-wording.repository';
import { FormRepository } from '../../infrastructure/form.repository';
import { IdempotencyRepository } from '../../infrastructure/idempotency.repository';
import { KeyedHasher } from '../../infrastructure/keyed-hasher';
import { SubmissionRepository } from '../../infrastructure/submission.repository';
import { toIntegrationEvents } from './submission-integration-events';
import { AnswerPacer } from './answer-pacer';
import { SubmissionThrottle } from './submission-throttle';
import { SubmissionMetrics, SubmissionOutcome } from './submission-metrics';
import { SubmitFormCommand, SubmitFormProps, SubmitFormResult } from './submit-form.command';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

type StoredResponse = Omit<SubmitFormResult, 'thankYouUrl' | 'replayed' | 'showCrisisResources'>;

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
    private readonly hasher: KeyedHasher,
    private readonly pacer: AnswerPacer,
    private readonly throttle: SubmissionThrottle,
    private readonly metrics: SubmissionMetrics,
    private readonly startTokens: StartTokens,
    private readonly captcha: CaptchaVerifier,
    private readonly wordings: ConsentWordingRepository,
  ) {}

  async execute({ props: command }: SubmitFormCommand): Promise<SubmitFormResult> {
    try {
      return await this.submit(command);
    } catch (error) {
      if (error instanceof SubmissionInvalidError) this.metrics.record('invalid');
      throw error;
    }
  }

  private async submit(command: SubmitFormProps): Promise<SubmitFormResult> {
    const startedAt = performance.now();
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
    // The same for spam, a throttled contact, a replay and a known person: only this message.
    const showCrisisResources = mentionsCrisis(request.message);
    const receivedAt = this.clock.now();
    const signals = {
      honeypotValue: fields.honeypot,
      formStartedAt: fields.formStartedAt,
      startToken: this.startTokens.read(fields.startToken, form.key, receivedAt),
      requireStartToken: form.settings.requireStartToken,
      receivedAt,
      minFillSeconds: form.settings.minFillSeconds,
    };
    // The provider is asked only about requests that pass the checks that cost nothing.
    const spam = judgeSpam(signals) ?? (await this.judgeCaptcha(form, fields.captchaResponse));
    // Over a contact's limit the answer is the usual one and nothing is stored: a refusal would
    // tell a stranger that this person has asked recently.
    if (!spam && !(await this.throttle.contactAllowed(form, [request.email, request.phone]))) {
      this.metrics.record('throttled');
      await this.pacer.hold(startedAt);
      return {
        submissionId: this.ids.next(),
        replayed: false,
        thankYouUrl: form.settings.thankYouUrl,
        showCrisisResources,
      };
    }
    const receipt: Receipt = {
      id: this.ids.next(),
      formKey: form.key,
      fields,
      request,
      ipHash: this.hasher.hash(command.clientIp),
      userAgent: command.userAgent,
      receivedAt,
      startedAt: startedAtOf(signals),
    };

    let outcome: SubmissionOutcome | null = null;
    const response = await this.tx.run(async () => {
      if (idempotencyKey !== null) {
        const claim = await this.idempotency.claim<StoredResponse>(
          form.key,
          idempotencyKey,
          receivedAt,
        );
        if (!claim.claimed && claim.response) return { ...claim.response, replayed: true };
      }
      outcome = spam
        ? await this.reject(receipt, spam)
        : await this.accept(receipt, formPageOf(command.origin, command.referer));
      const stored: StoredResponse = { submissionId: receipt.id };
      if (idempotencyKey !== null)
        await this.idempotency.complete(form.key, idempotencyKey, stored);
      return { ...stored, replayed: false };
    });
    if (!response.replayed) {
      this.metrics.record(outcome!);
      if (spam) await this.pacer.hold(startedAt);
      else this.pacer.record(performance.now() - startedAt);
    }
    return { ...response, thankYouUrl: form.settings.thankYouUrl, showCrisisResources };
  }

  /** A missing or refused captcha is spam; a provider that cannot say follows the fail mode. */
  private async judgeCaptcha(form: Form, response: string | null): Promise<SpamReason | null> {
    const captcha = form.settings.captcha;
    if (captcha === null) return null;
    if (response === null) return 'captcha';
    const verdict = await this.captcha.verify(
      captcha.provider,
      captcha.secret,
      response,
      captcha.siteKey,
    );
    if (verdict === 'passed') return null;
    if (verdict === 'failed') return 'captcha';
    if (captcha.failMode === 'closed') throw new CaptchaUnavailableError();
    return null;
  }

  private async accept(receipt: Receipt, page: FormPage): Promise<'accepted' | 'duplicate'> {
    const { id, formKey, receivedAt, request } = receipt;
    // The wording each ticked box showed: the form's current version of its kind, if any.
    const versions = await this.wordings.currentVersions(formKey);
    const captured = await this.captureLead.capture({
      submissionId: id,
      formKey,
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
        language: request.language,
        contactConsent: request.contactConsent,
        smsConsent: request.smsConsent,
      },
      touch: { submissionId: id, formKey, at: receivedAt, ...request.attribution },
      message: request.message,
      consent: {
        grants: grantedKinds(request).map((kind) => ({
          id: this.ids.next(),
          kind,
          wordingVersion: versions[kind] ?? null,
        })),
        pageOrigin: page.origin,
        pagePath: page.path,
        ipHash: receipt.ipHash,
      },
    });
    await this.submissions.insert(Submission.accepted(receipt, captured.leadId));
    return captured.duplicate ? 'duplicate' : 'accepted';
  }

  /** Spam is answered like real input, so a bot learns nothing. */
  private async reject(receipt: Receipt, reason: SpamReason): Promise<'spam'> {
    const submission = Submission.rejected(receipt, reason);
    await this.submissions.insert(submission);
    await this.outbox.append(submission.pullEvents().flatMap(toIntegrationEvents));
    return 'spam';
  }
}
