import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext, CurrentAuditContext, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import {
  CreateWebhookCommand,
  WebhookWithSecret,
} from '../../application/create-webhook/create-webhook.command';
import { DeleteWebhookCommand } from '../../application/delete-webhook/delete-webhook.command';
import { GetWebhookQuery } from '../../application/get-webhook/get-webhook.query';
import { ListWebhookDeliveriesQuery } from '../../application/list-webhook-deliveries/list-webhook-deliveries.query';
import { ListWebhooksQuery } from '../../application/list-webhooks/list-webhooks.query';
import { RedeliverWebhookDeliveryCommand } from '../../application/redeliver-webhook-delivery/redeliver-webhook-delivery.command';
import { RotateWebhookSecretCommand } from '../../application/rotate-webhook-secret/rotate-webhook-secret.command';
import { UpdateWebhookCommand } from '../../application/update-webhook/update-webhook.command';
import {
  CreateWebhookRequest,
  DeliveryListResponse,
  DeliveryResponse,
  ListDeliveriesRequest,
  UpdateWebhookRequest,
  WebhookListResponse,
  WebhookResponse,
  WebhookWithSecretResponse,
} from './webhooks.dto';

function withSecret({ subscription, secret }: WebhookWithSecret): WebhookWithSecretResponse {
  return { ...WebhookResponse.from(subscription), secret };
}

/** Signed webhooks for integrators: subscriptions, their secrets, and what was delivered. */
@ApiTags('webhooks')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/webhooks')
export class WebhooksHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Subscribe an endpoint to events; the answer holds its signing secret, shown once',
  })
  @ApiResponse({ status: 201, type: WebhookWithSecretResponse })
  async create(
    @Body() body: CreateWebhookRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<WebhookWithSecretResponse> {
    return withSecret(
      await this.commands.execute(
        new CreateWebhookCommand({
          url: body.url,
          eventTypes: body.eventTypes,
          description: body.description ?? '',
          context,
        }),
      ),
    );
  }

  @Get()
  @RequirePermission('webhooks:manage')
  @ApiOperation({ operationId: 'listWebhooks', summary: 'Webhook subscriptions' })
  @ApiOkResponse({ type: WebhookListResponse })
  async list(): Promise<WebhookListResponse> {
    return {
      items: (await this.queries.execute(new ListWebhooksQuery())).map(WebhookResponse.from),
    };
  }

  @Get(':webhookId')
  @RequirePermission('webhooks:manage')
  @ApiOperation({ operationId: 'getWebhook', summary: 'One webhook subscription' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrorResponses(404)
  async get(@Param('webhookId', uuidParam('webhookId')) id: string): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.queries.execute(new GetWebhookQuery({ webhookId: id })));
  }

  @Patch(':webhookId')
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change the URL, event types or description; turn deliveries off or on',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrorResponses(404)
  async update(
    @Param('webhookId', uuidParam('webhookId')) id: string,
    @Body() body: UpdateWebhookRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<WebhookResponse> {
    return WebhookResponse.from(
      await this.commands.execute(
        new UpdateWebhookCommand({ webhookId: id, change: body, context }),
      ),
    );
  }

  @Delete(':webhookId')
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'deleteWebhook',
    summary: 'Delete a subscription, with its deliveries',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrorResponses(404)
  async delete(
    @Param('webhookId', uuidParam('webhookId')) id: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<WebhookResponse> {
    return WebhookResponse.from(
      await this.commands.execute(new DeleteWebhookCommand({ webhookId: id, context })),
    );
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret at once; the answer holds the new one, shown once',
  })
  @ApiOkResponse({ type: WebhookWithSecretResponse })
  @ApiErrorResponses(404)
  async rotate(
    @Param('webhookId', uuidParam('webhookId')) id: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<WebhookWithSecretResponse> {
    return withSecret(
      await this.commands.execute(new RotateWebhookSecretCommand({ webhookId: id, context })),
    );
  }

  @Get(':webhookId/deliveries')
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'Deliveries, newest first, with their status, attempts and latency',
  })
  @ApiOkResponse({ type: DeliveryListResponse })
  @ApiErrorResponses(404)
  async deliveries(
    @Param('webhookId', uuidParam('webhookId')) id: string,
    @Query() query: ListDeliveriesRequest,
  ): Promise<DeliveryListResponse> {
    const page = await this.queries.execute(
      new ListWebhookDeliveriesQuery({
        webhookId: id,
        status: query.status,
        limit: query.limit ?? 50,
        before: query.before,
      }),
    );
    return { items: page.items.map(DeliveryResponse.from), hasMore: page.hasMore };
  }

  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @RequirePermission('webhooks:manage')
  @ApiOperation({
    operationId: 'redeliverWebhookDelivery',
    summary: 'Send a delivery again (the same webhook-id), with a fresh day of retries',
  })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrorResponses(404)
  async redeliver(
    @Param('webhookId', uuidParam('webhookId')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<DeliveryResponse> {
    return DeliveryResponse.from(
      await this.commands.execute(
        new RedeliverWebhookDeliveryCommand({ webhookId: id, deliveryId, context }),
      ),
    );
  }
}
