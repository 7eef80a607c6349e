import { Body, Controller, Get, HttpCode, Param, Put, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext, CurrentAuditContext, RequirePermission } from '@intake/access';
import { CONSENT_KINDS, ConsentKind } from '@intake/kernel';
import { ApiErrorResponses, JsonBodyInterceptor, oneOfParam } from '@intake/platform';
import { ListConsentWordingsQuery } from '../../application/list-consent-wordings/list-consent-wordings.query';
import { PublishConsentWordingCommand } from '../../application/publish-consent-wording/publish-consent-wording.command';
import {
  ConsentWordingListResponse,
  ConsentWordingResponse,
  PublishConsentWordingRequest,
} from './consent-wordings.dto';

/** The text beside each consent checkbox of a form, versioned: the ledger names the version. */
@ApiTags('forms')
@ApiErrorResponses(401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/forms/:formKey/consent-wordings')
export class ConsentWordingsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('forms:manage')
  @ApiOperation({
    operationId: 'listConsentWordings',
    summary: "Every version of the form's consent wording, by kind, newest first",
  })
  @ApiOkResponse({ type: ConsentWordingListResponse })
  @ApiErrorResponses(404)
  async list(@Param('formKey') formKey: string): Promise<ConsentWordingListResponse> {
    const wordings = await this.queries.execute(new ListConsentWordingsQuery({ formKey }));
    return { items: wordings.map(ConsentWordingResponse.from) };
  }

  @Put(':kind')
  @HttpCode(201)
  @ApiParam({ name: 'kind', enum: CONSENT_KINDS })
  @RequirePermission('forms:manage')
  @ApiOperation({
    operationId: 'publishConsentWording',
    summary: 'Publish a new version of the wording for one kind of consent',
    description:
      'Adds version n+1 (earlier versions are kept, never changed). A ticked box on the next submission records this version in the consent ledger; until a kind has wording, its grants record none. Audited.',
  })
  @ApiResponse({ status: 201, type: ConsentWordingResponse })
  @ApiErrorResponses(400, 404)
  async publish(
    @Param('formKey') formKey: string,
    @Param('kind', oneOfParam('kind', CONSENT_KINDS)) kind: ConsentKind,
    @Body() body: PublishConsentWordingRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<ConsentWordingResponse> {
    const wording = await this.commands.execute(
      new PublishConsentWordingCommand({ formKey, kind, text: body.text, context }),
    );
    return ConsentWordingResponse.from(wording);
  }
}
