import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrorResponses, Public } from '@intake/platform';
import { IssueStartTokenQuery } from '../../application/issue-start-token/issue-start-token.query';
import { allowCors, headerOf } from './form-cors';

export class StartTokenResponse {
  @ApiProperty({
    description:
      'Send it back with the submission as the `startToken` field. Signed by the server: the minimum fill time counts from when it was issued.',
    example: 'eyJmIjoiY29uc3VsdGF0aW9uIiwidCI6MTc2NDk0NjAwMDAwMCwibiI6IkFiQ2RFZkdoIn0.k3J…',
  })
  startToken!: string;

  @ApiProperty({ format: 'date-time', description: 'After this the token no longer counts.' })
  expiresAt!: string;
}

/** Start tokens for form pages: when the visitor opened the form, in the server's words. */
@ApiTags('intake')
@ApiParam({ name: 'formKey', description: "The form's key, e.g. `consultation`." })
@Public()
@Controller('v1/forms/:formKey/start-token')
export class StartTokenHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'issueStartToken',
    summary: 'Get a start token for a form page',
    description:
      "The page asks when it loads (or the site's server renders it in) and posts it back as `startToken`. HMAC-signed, bound to the form, carrying the time; nothing is stored. A forged token, or one for another form, marks the submission as spam; where the form requires a token, so does a missing or expired one.",
  })
  @ApiOkResponse({ type: StartTokenResponse })
  @ApiErrorResponses(
    {
      status: 403,
      description: "`FORM.ORIGIN_NOT_ALLOWED`: the browser's Origin is not on the form's list.",
    },
    { status: 404, description: '`FORM.NOT_FOUND`.' },
  )
  async issue(
    @Param('formKey') formKey: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StartTokenResponse> {
    const issued = await this.queries.execute(
      new IssueStartTokenQuery({ formKey, origin: headerOf(req, 'origin') }),
    );
    allowCors(res, issued.allowedOrigin);
    return { startToken: issued.startToken, expiresAt: issued.expiresAt.toISOString() };
  }
}
