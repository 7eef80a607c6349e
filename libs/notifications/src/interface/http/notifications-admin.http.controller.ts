import { Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditContext, CurrentAuditContext, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import { ListDeadAlertDeliveriesQuery } from '../../application/list-dead-alert-deliveries/list-dead-alert-deliveries.query';
import { ListParkedEventsQuery } from '../../application/list-parked-events/list-parked-events.query';
import { RedriveAlertDeliveryCommand } from '../../application/redrive-alert-delivery/redrive-alert-delivery.command';
import { RedriveParkedEventCommand } from '../../application/redrive-parked-event/redrive-parked-event.command';
import {
  DeadAlertDeliveryListResponse,
  DeadAlertDeliveryResponse,
  ParkedNotificationEventListResponse,
  ParkedNotificationEventResponse,
} from './alerts.dto';

/** What notifications could not deliver or handle: for admins, who can send it again. */
@ApiTags('alerts')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class NotificationsAdminHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('alert-deliveries/dead')
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'listDeadAlertDeliveries',
    summary: 'Alert deliveries that failed every attempt, newest first (at most 200)',
  })
  @ApiOkResponse({ type: DeadAlertDeliveryListResponse })
  async listDead(): Promise<DeadAlertDeliveryListResponse> {
    const dead = await this.queries.execute(new ListDeadAlertDeliveriesQuery());
    return { items: dead.map(DeadAlertDeliveryResponse.from) };
  }

  @Post('alert-deliveries/:deliveryId/redrive')
  @RequirePermission('staff:manage')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'redriveAlertDelivery',
    summary: 'Send a dead-lettered alert delivery again, with fresh attempts (audited)',
  })
  @ApiNoContentResponse()
  @ApiErrorResponses(404)
  async redrive(
    @Param('deliveryId', uuidParam('deliveryId')) id: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<void> {
    await this.commands.execute(new RedriveAlertDeliveryCommand({ deliveryId: id, context }));
  }

  @Get('notifications/parked-events')
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'listParkedNotificationEvents',
    summary:
      'Lead-events records the notifications consumer could not handle after its retries, newest first',
  })
  @ApiOkResponse({ type: ParkedNotificationEventListResponse })
  async listParked(): Promise<ParkedNotificationEventListResponse> {
    const parked = await this.queries.execute(new ListParkedEventsQuery());
    return { items: parked.map(ParkedNotificationEventResponse.from) };
  }

  @Post('notifications/parked-events/:parkedId/redrive')
  @RequirePermission('staff:manage')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'redriveParkedNotificationEvent',
    summary:
      'Hand a parked record to the notifications again: the worker takes it up within its poll (audited)',
  })
  @ApiNoContentResponse()
  @ApiErrorResponses(404)
  async redriveParked(
    @Param('parkedId', uuidParam('parkedId')) id: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<void> {
    await this.commands.execute(new RedriveParkedEventCommand({ parkedId: id, context }));
  }
}
