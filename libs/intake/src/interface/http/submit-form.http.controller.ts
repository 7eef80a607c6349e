import { Controller, HttpCode, Options, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { SubmitFormCommand } from '../../application/submit-form/submit-form.command';
import { GetFormAccessQuery } from '../../application/get-form-access/get-form-access.query';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeaders,
  ApiNoContentResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses, isBrowserFormPost, Public } from '@intake/platform';
import { readSubmissionBody } from './submission-body';
import { SubmissionCreatedResponse } from './submission-created.response';
import { SubmissionFields } from './submission-fields.schema';
import { SubmissionThrottlerGuard } from './submission-throttler.guard';
import { allowCors, headerOf } from './form-cors';
import { crisisResourcesPage } from './crisis-resources.page';

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Request-Id';

/** The public endpoint a clinic's website posts its consultation form to. */
@ApiTags('intake')
@ApiParam({ name: 'formKey', description: "The form's key, e.g. `consultation`." })
@Public()
@Controller('v1/forms/:formKey/submissions')
export class SubmitFormHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @UseGuards(SubmissionThrottlerGuard)
  @ApiOperation({
    operationId: 'submitForm',
    summary: 'Submit a consultation request',
    description:
      "Validates, normalizes and stores the request as a lead (or attaches it to the person's open lead, matched by email or phone) in one transaction with its events' outbox rows. A 2xx means committed. The answer is the same for a new person, one who already has an open lead, and spam (filled honeypot, filled too fast, a bad or (where required) missing start token, a missing or refused captcha; stored as a rejected submission, no lead): it names the submission and nothing else.",
  })
  @ApiHeaders([
    {
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', maxLength: 200 },
      description:
        'Replays the first response for 24 h; never a second submission or lead. 1 to 200 visible ASCII characters.',
    },
    {
      name: 'Origin',
      required: false,
      description:
        "A browser Origin must be on the form's allowed list; requests without one (server to server) are allowed.",
    },
    {
      name: 'X-Request-Id',
      required: false,
      schema: { type: 'string', maxLength: 64 },
      description:
        "The caller's own id, logged beside the server's as `clientRequestId`. The response's `X-Request-Id` (also in error bodies and history) is always the server's.",
    },
  ])
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiBody({
    type: SubmissionFields,
    required: true,
    description: 'At most 64 KiB, UTF-8. Multipart: fields only; a file part is refused (400).',
  })
  @ApiCreatedResponse({
    type: SubmissionCreatedResponse,
    description:
      "Stored (or replayed: `Idempotent-Replayed: true`). The same answer for a new person, a known one and spam; `showCrisisResources` is read from this request's message alone.",
    headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } } },
  })
  @ApiResponse({
    status: 303,
    description:
      "Browser form post (urlencoded or multipart with `Accept: text/html`): stored, redirect to the form's thank-you URL.",
    headers: { Location: { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 200,
    description:
      "Browser form post whose own message has crisis language: stored, and answered at once with a thank-you page that puts the 988 Suicide & Crisis Lifeline (call or text) and 911 first, then links to the form's thank-you URL. Decided from this request's message alone.",
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiErrorResponses(
    {
      status: 400,
      html: true,
      description:
        'Invalid fields (`SUBMISSION.INVALID`, with every field error), malformed body (`REQUEST.MALFORMED`), or a file (`SUBMISSION.FILES_NOT_ACCEPTED`). Nothing is stored.',
    },
    {
      status: 403,
      html: true,
      description: "`FORM.ORIGIN_NOT_ALLOWED`: the browser's Origin is not on the form's list.",
    },
    { status: 404, html: true, description: '`FORM.NOT_FOUND`.' },
    { status: 413, html: true, description: '`REQUEST.TOO_LARGE`: body over 64 KiB.' },
    {
      status: 429,
      html: true,
      description:
        "`SUBMISSION.THROTTLED`: over the form's limit for this source address or for the form as a whole; `Retry-After` says when to try again. Nothing is stored. (Over the limit for one email or phone, the answer is the usual one and nothing is stored: a refusal would tell a stranger that this person has asked recently.)",
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds.' } },
    },
    {
      status: 415,
      html: true,
      description:
        '`REQUEST.UNSUPPORTED_MEDIA_TYPE`: not JSON, urlencoded or multipart; or not UTF-8; or content-encoded.',
    },
    {
      status: 500,
      html: true,
      description: '`INTERNAL`: nothing was stored; safe to retry with the same Idempotency-Key.',
    },
    {
      status: 503,
      html: true,
      description:
        "`CAPTCHA.UNAVAILABLE`: the form's captcha is fail-closed and its provider could not answer; `DATABASE.BUSY`. Nothing was stored; try again.",
    },
  )
  async submit(
    @Param('formKey') formKey: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const origin = originOf(req);
    // Form and origin first, so a refused site learns nothing and its body is never read.
    const access = await this.queries.execute(new GetFormAccessQuery({ formKey, origin }));
    allowCors(res, access.allowedOrigin);
    const fields = await readSubmissionBody(req);
    const result = await this.commands.execute(
      new SubmitFormCommand({
        formKey,
        fields,
        origin,
        referer: headerOf(req, 'referer'),
        idempotencyKey: headerOf(req, 'idempotency-key'),
        clientIp: req.ip ?? null,
        userAgent: headerOf(req, 'user-agent'),
      }),
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (isBrowserFormPost(req)) {
      if (result.showCrisisResources) {
        res.setHeader('Cache-Control', 'no-store');
        res.status(200).type('html').send(crisisResourcesPage(result.thankYouUrl));
        return;
      }
      res.redirect(303, result.thankYouUrl);
      return;
    }
    res.status(201).json(SubmissionCreatedResponse.from(result));
  }

  /** CORS preflight for sites that post with fetch(). */
  @Options()
  @HttpCode(204)
  @ApiOperation({ operationId: 'submitFormPreflight', summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Origin allowed; `Access-Control-Allow-*` headers set.' })
  @ApiErrorResponses(
    { status: 403, description: '`FORM.ORIGIN_NOT_ALLOWED`.' },
    { status: 404, description: '`FORM.NOT_FOUND`.' },
  )
  async preflight(
    @Param('formKey') formKey: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const access = await this.queries.execute(
      new GetFormAccessQuery({ formKey, origin: originOf(req) }),
    );
    allowCors(res, access.allowedOrigin);
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  }
}

function originOf(req: Request): string | null {
  return headerOf(req, 'origin');
}
