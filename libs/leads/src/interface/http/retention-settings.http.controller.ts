import { Body, Controller, Get, Put, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditContext, CurrentAuditContext, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor } from '@intake/platform';
import {
  GetRetentionSettingsQuery,
  ReplaceRetentionSettingsCommand,
} from '../../application/manage-retention/retention-settings';
import { RetentionSettingsDto } from './retention-settings.dto';

/** How long the clinic keeps spam, raw submissions, closed leads and its logs. Admins only. */
@ApiTags('privacy')
@ApiErrorResponses(401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/settings/retention')
export class RetentionSettingsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('leads:erase')
  @ApiOperation({
    operationId: 'getRetentionSettings',
    summary: 'The retention periods (the defaults until set)',
  })
  @ApiOkResponse({ type: RetentionSettingsDto })
  async get(): Promise<RetentionSettingsDto> {
    return RetentionSettingsDto.from(await this.queries.execute(new GetRetentionSettingsQuery()));
  }

  @Put()
  @RequirePermission('leads:erase')
  @ApiOperation({
    operationId: 'putRetentionSettings',
    summary: 'Replace the retention periods',
    description:
      "Applied by the worker's retention job at its next run (hourly); recorded in the admin audit.",
  })
  @ApiOkResponse({ type: RetentionSettingsDto })
  @ApiErrorResponses(400)
  async put(
    @Body() body: RetentionSettingsDto,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<RetentionSettingsDto> {
    const policy = await this.commands.execute(
      new ReplaceRetentionSettingsCommand({ policy: RetentionSettingsDto.from(body), context }),
    );
    return RetentionSettingsDto.from(policy);
  }
}
