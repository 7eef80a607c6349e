import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  AuditContext,
  CurrentActor,
  CurrentAuditContext,
  RequirePermission,
} from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor, RequestId, uuidParam } from '@intake/platform';
import { AcknowledgeCrisisPageCommand } from '../../application/acknowledge-crisis-page/acknowledge-crisis-page.command';
import { GetOnCallQuery } from '../../application/get-on-call/get-on-call.query';
import { ListCrisisPagesQuery } from '../../application/list-crisis-pages/list-crisis-pages.query';
import { ReplaceOnCallCommand } from '../../application/replace-on-call/replace-on-call.command';
import {
  CrisisPageListResponse,
  CrisisPageResponse,
  CrisisPagesQuery,
  OnCallResponse,
  OnCallSettingsDto,
} from './crisis.dto';

/** The crisis safety loop: the on-call rotation, and acknowledging a page. */
@ApiTags('crisis')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/crisis')
export class CrisisHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('on-call')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getOnCall',
    summary: 'The on-call rotation for crisis pages, who is on call now, and uncovered times',
  })
  @ApiOkResponse({ type: OnCallResponse })
  async getOnCall(): Promise<OnCallResponse> {
    return OnCallResponse.from(await this.queries.execute(new GetOnCallQuery()));
  }

  @Put('on-call')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'putOnCall',
    summary: 'Replace the on-call rotation, escalation list and acknowledgement timeout (audited)',
  })
  @ApiOkResponse({ type: OnCallResponse })
  async putOnCall(
    @Body() body: OnCallSettingsDto,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<OnCallResponse> {
    return OnCallResponse.from(
      await this.commands.execute(new ReplaceOnCallCommand({ settings: body, context })),
    );
  }

  @Get('pages')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'listCrisisPages',
    summary: 'A lead’s crisis pages, newest first (ids and times only)',
  })
  @ApiOkResponse({ type: CrisisPageListResponse })
  async list(@Query() query: CrisisPagesQuery): Promise<CrisisPageListResponse> {
    const pages = await this.queries.execute(new ListCrisisPagesQuery({ leadId: query.leadId }));
    return { items: pages.map(CrisisPageResponse.from) };
  }

  @Post('pages/:pageId/acknowledge')
  @HttpCode(200)
  @RequirePermission('leads:write')
  @ApiOperation({
    operationId: 'acknowledgeCrisisPage',
    summary: 'Acknowledge a crisis page: a person has the lead, escalation stops',
    description:
      'From the alert’s link (`/console/leads/{leadId}?ack={pageId}`) or the lead’s page. The first acknowledgement counts and emits `intake.crisis.acknowledged.v1`; another one answers the page as it is.',
  })
  @ApiOkResponse({ type: CrisisPageResponse })
  @ApiErrorResponses({ status: 404, description: '`CRISIS.PAGE_NOT_FOUND`.' })
  async acknowledge(
    @Param('pageId', uuidParam('pageId')) pageId: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<CrisisPageResponse> {
    return CrisisPageResponse.from(
      await this.commands.execute(
        new AcknowledgeCrisisPageCommand({ pageId, staffId: actor.staffId, requestId }),
      ),
    );
  }
}
