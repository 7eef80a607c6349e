import { Body, Controller, Get, Put, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor } from '@intake/platform';
import { GetAlertSettingsQuery } from '../../application/get-alert-settings/get-alert-settings.query';
import { ReplaceAlertSettingsCommand } from '../../application/replace-alert-settings/replace-alert-settings.command';
import { AlertSettingsDto, AlertSettingsResponse } from './alerts.dto';

/** Each person's own alert settings. */
@ApiTags('alerts')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/me/alert-settings')
export class AlertSettingsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getMyAlertSettings',
    summary: 'My alert settings: channels, which alerts, quiet hours, digest',
  })
  @ApiOkResponse({ type: AlertSettingsResponse })
  async get(@CurrentActor() actor: Actor): Promise<AlertSettingsResponse> {
    return AlertSettingsResponse.from(
      await this.queries.execute(new GetAlertSettingsQuery({ staffId: actor.staffId })),
    );
  }

  @Put()
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'putMyAlertSettings',
    summary: 'Replace my alert settings',
    description:
      'Alerts say what happened and link to the console; they never carry a name, contact, message or interest. Pages (crisis) come on every channel you have, through quiet hours.',
  })
  @ApiOkResponse({ type: AlertSettingsResponse })
  async put(
    @Body() body: AlertSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<AlertSettingsResponse> {
    return AlertSettingsResponse.from(
      await this.commands.execute(
        new ReplaceAlertSettingsCommand({ staffId: actor.staffId, settings: body }),
      ),
    );
  }
}
