import { Body, Controller, Get, Param, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Actor,
  AuditContext,
  CurrentActor,
  CurrentAuditContext,
  RequirePermission,
} from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor, RequestId, uuidParam } from '@intake/platform';
import { GetContactRulesQuery } from '../../application/get-contact-rules/get-contact-rules.query';
import { ListConsentsQuery } from '../../application/list-consents/list-consents.query';
import { RecordConsentCommand } from '../../application/record-consent/record-consent.command';
import { ReplaceContactRulesCommand } from '../../application/replace-contact-rules/replace-contact-rules.command';
import { setLeadEtag } from './etag';
import { ContactRulesDto, LeadConsentsResponse, RecordConsentRequest } from './lead-consents.dto';
import { LeadWriteRequest, WriteRequest } from './lead-write-request';

const leadId = uuidParam('leadId');

/** The consent ledger of a lead, and the clinic's rules for contacting people. */
@ApiTags('leads')
@ApiErrorResponses(401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class LeadConsentsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('leads/:leadId/consents')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'listLeadConsents',
    summary: "The lead's consent ledger, newest first, and the current state of each kind",
    description: 'Recorded in the access log (`lead.consents_listed`).',
  })
  @ApiOkResponse({ type: LeadConsentsResponse })
  @ApiErrorResponses(400, 404)
  async list(
    @Param('leadId', leadId) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<LeadConsentsResponse> {
    const consents = await this.queries.execute(
      new ListConsentsQuery({ leadId: id, actor, requestId }),
    );
    return LeadConsentsResponse.from(consents);
  }

  @Post('leads/:leadId/consents')
  @RequirePermission('leads:write')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag from your last read: refused with 412 if the lead changed since.',
  })
  @ApiOperation({
    operationId: 'recordLeadConsent',
    summary: 'Record that the person gave or withdrew consent (on the phone, a STOP reply)',
    description:
      "Adds a row to the ledger (never changed afterwards), keeps the lead's contactConsent and smsConsent in step, and publishes consent.granted or consent.withdrawn. Allowed in any status. From a withdrawal on, contact attempts it covers are refused. Answers the lead's ledger; the ETag is the lead's new version.",
  })
  @ApiResponse({ status: 201, type: LeadConsentsResponse })
  @ApiErrorResponses(400, 404, 412)
  async record(
    @Param('leadId', leadId) id: string,
    @Body() body: RecordConsentRequest,
    @WriteRequest() write: LeadWriteRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadConsentsResponse> {
    const written = await this.commands.execute(
      new RecordConsentCommand({ leadId: id, ...body, ...write }),
    );
    setLeadEtag(res, written.lead.version);
    const { actor, requestId } = write.context;
    return LeadConsentsResponse.from(
      await this.queries.execute(new ListConsentsQuery({ leadId: id, actor, requestId })),
    );
  }

  @Get('settings/contact-rules')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getContactRules',
    summary: "The clinic's contact rules: quiet hours, and the zone for a person of unknown state",
  })
  @ApiOkResponse({ type: ContactRulesDto })
  async rules(): Promise<ContactRulesDto> {
    return this.queries.execute(new GetContactRulesQuery());
  }

  @Put('settings/contact-rules')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'putContactRules',
    summary: "Replace the clinic's contact rules (audited)",
  })
  @ApiOkResponse({ type: ContactRulesDto })
  @ApiErrorResponses(400)
  async replaceRules(
    @Body() body: ContactRulesDto,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<ContactRulesDto> {
    return this.commands.execute(new ReplaceContactRulesCommand({ rules: body, context }));
  }
}
