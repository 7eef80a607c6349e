import { Controller, HttpCode, Options, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import {
  SubmitFormCommand,
  SubmitFormResult,
} from '../../application/submit-form/submit-form.command';
import {
  FormAccess,
  GetFormAccessQuery,
} from '../../application/get-form-access/get-form-access.query';
import { isBrowserFormPost } from '@intake/platform';
import { readSubmissionBody } from './submission-body';
import { SubmissionCreatedResponse } from './submission-created.response';

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Request-Id';

/** The public endpoint a clinic's website posts its consultation form to. */
@Controller('v1/forms/:formKey/submissions')
export class SubmitFormHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  async submit(
    @Param('formKey') formKey: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const origin = originOf(req);
    // Form and origin first, so a refused site learns nothing and its body is never read.
    allowCors(
      res,
      await this.queries.execute<GetFormAccessQuery, FormAccess>(
        new GetFormAccessQuery(formKey, origin),
      ),
    );
    const fields = await readSubmissionBody(req);
    const result = await this.commands.execute<SubmitFormCommand, SubmitFormResult>(
      new SubmitFormCommand(
        formKey,
        fields,
        origin,
        headerOf(req, 'idempotency-key'),
        req.ip ?? null,
        headerOf(req, 'user-agent'),
      ),
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (isBrowserFormPost(req)) {
      res.redirect(303, result.thankYouUrl);
      return;
    }
    res.status(201).json(SubmissionCreatedResponse.from(result));
  }

  /** CORS preflight for sites that post with fetch(). */
  @Options()
  @HttpCode(204)
  async preflight(
    @Param('formKey') formKey: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    allowCors(res, await this.queries.execute(new GetFormAccessQuery(formKey, originOf(req))));
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  }
}

function allowCors(res: Response, access: FormAccess): void {
  res.setHeader('Vary', 'Origin');
  if (access.allowedOrigin) {
    res.setHeader('Access-Control-Allow-Origin', access.allowedOrigin);
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Idempotent-Replayed');
  }
}

function originOf(req: Request): string | null {
  return headerOf(req, 'origin');
}

function headerOf(req: Request, name: string): string | null {
  const value = req.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  return single && single.trim() !== '' ? single.trim() : null;
}
