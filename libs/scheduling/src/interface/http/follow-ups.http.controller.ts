import {
  Body,
  Controller,
  Get,
  HttpCode,
  MessageEvent,
  Param,
  Post,
  Query,
  Sse,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { map, Observable } from 'rxjs';
import { Actor, CurrentActor, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor, RequestId, uuidParam } from '@intake/platform';
import { AssignmentExplanationQuery } from '../../application/explain-assignment/assignment-explanation.query';
import { QueueQuery } from '../../application/get-queue/queue.query';
import { FollowUpsService } from '../../application/reschedule-follow-up/follow-ups.service';
import { QueueChanges } from '../../application/watch-queue/queue-changes';
import { decodeQueueCursor, encodeQueueCursor } from './queue-cursor';
import { toServerSentEvent } from './queue-stream.sse';
import { AssignmentExplanationResponse } from './assignment-explanation.dto';
import {
  FollowUpListResponse,
  FollowUpResponse,
  RescheduleFollowUpRequest,
  ScheduleFollowUpRequest,
} from './follow-ups.dto';
import { LeadChangeEventData, QueueRequest, QueueResponse } from './queue.dto';

/** Follow-ups, work queues and why a lead went to whom. */
@ApiTags('follow-ups')
@ApiExtraModels(LeadChangeEventData)
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class FollowUpsHttpController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly queues: QueueQuery,
    private readonly explanations: AssignmentExplanationQuery,
    private readonly live: QueueChanges,
  ) {}

  @Get('me/queue')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getMyQueue',
    summary: 'My open follow-ups: overdue first, then priority, then due time',
  })
  @ApiOkResponse({ type: QueueResponse })
  myQueue(
    @Query() query: QueueRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<QueueResponse> {
    return this.queue(actor.staffId, query, actor, requestId);
  }

  // Any staff member may open it: viewers and service accounts own nothing, so theirs carries
  // only `ready` and heartbeats, and never another person's changes.
  @Sse('me/queue/stream')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'streamMyQueue',
    summary: 'Live changes to my queue, as server-sent events',
    description: [
      'A `text/event-stream` that stays open. Events:',
      '- `event: ready` (`data: {}`, `retry: 2000`) once this instance is listening: every change committed from then on is sent, so refetch `GET /v1/me/queue` now;',
      '- `event: lead` with `data` a `LeadChangeEventData` (`{"leadId","ownerId","previousOwnerId","version","kind"}`, ids only), when a lead that is or was yours changes or is assigned to you, or one of your follow-ups changes: refetch the queue, and the lead if it is open;',
      '- `: heartbeat`, a comment, every 15 s (`LIVE_HEARTBEAT_MS`).',
      'Events are numbered (`id:`) per connection only. The stream ends when the instance loses its database listener or shuts down; reconnect (an `EventSource` does so after 2 s) and refetch on `ready`: nothing is missed, nothing is shown twice.',
      'Errors before the stream opens (`401`, `403`) are the usual JSON error.',
    ].join('\n\n'),
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The event stream; each `lead` event’s `data` is a LeadChangeEventData.',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example:
          'event: ready\nid: 1\nretry: 2000\ndata: {}\n\n' +
          'event: lead\nid: 2\ndata: {"leadId":"0199…","ownerId":"0199…","previousOwnerId":null,"version":3,"kind":"assigned"}\n\n' +
          ': heartbeat\n\n',
      },
    },
  })
  myQueueStream(@CurrentActor() actor: Actor): Observable<MessageEvent> {
    return this.live.forStaff(actor.staffId).pipe(map(toServerSentEvent));
  }

  @Get('staff/:staffId/queue')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getStaffQueue',
    summary: 'A person’s open follow-ups (admins, or the person)',
  })
  @ApiOkResponse({ type: QueueResponse })
  @ApiErrorResponses(404)
  staffQueue(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @Query() query: QueueRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<QueueResponse> {
    return this.queue(staffId, query, actor, requestId);
  }

  private async queue(
    staffId: string,
    query: QueueRequest,
    actor: Actor,
    requestId: string | null,
  ): Promise<QueueResponse> {
    const page = await this.queues.of(
      staffId,
      actor,
      {
        limit: query.limit ?? 50,
        after: query.cursor ? decodeQueueCursor(query.cursor) : null,
      },
      requestId,
    );
    return QueueResponse.from(page, page.lastKey && encodeQueueCursor(page.now, page.lastKey));
  }

  @Get('leads/:leadId/follow-ups')
  @RequirePermission('leads:read')
  @ApiOperation({ operationId: 'listLeadFollowUps', summary: 'A lead’s follow-ups, newest first' })
  @ApiOkResponse({ type: FollowUpListResponse })
  @ApiErrorResponses(404)
  async list(@Param('leadId', uuidParam('leadId')) leadId: string): Promise<FollowUpListResponse> {
    return { items: (await this.followUps.listForLead(leadId)).map(FollowUpResponse.from) };
  }

  @Post('leads/:leadId/follow-ups')
  @RequirePermission('leads:write')
  @ApiOperation({
    operationId: 'scheduleFollowUp',
    summary: 'Put a callback or consult reminder in place of the open follow-up',
  })
  @ApiResponse({ status: 201, type: FollowUpResponse })
  @ApiErrorResponses(404, 409)
  async schedule(
    @Param('leadId', uuidParam('leadId')) leadId: string,
    @Body() body: ScheduleFollowUpRequest,
    @CurrentActor() actor: Actor,
  ): Promise<FollowUpResponse> {
    const followUp = await this.followUps.schedule(
      leadId,
      { kind: body.kind, dueAt: new Date(body.dueAt) },
      actor,
    );
    return FollowUpResponse.from(followUp);
  }

  @Post('leads/:leadId/follow-up/reschedule')
  @RequirePermission('leads:write')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rescheduleFollowUp',
    summary: 'Snooze or move the open follow-up, with a reason',
  })
  @ApiOkResponse({ type: FollowUpResponse })
  @ApiErrorResponses(404, 409)
  async reschedule(
    @Param('leadId', uuidParam('leadId')) leadId: string,
    @Body() body: RescheduleFollowUpRequest,
    @CurrentActor() actor: Actor,
  ): Promise<FollowUpResponse> {
    const followUp = await this.followUps.reschedule(
      leadId,
      { dueAt: new Date(body.dueAt), reason: body.reason },
      actor,
    );
    return FollowUpResponse.from(followUp);
  }

  @Get('leads/:leadId/assignment-explanation')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getAssignmentExplanation',
    summary: 'Why the lead went to whom: rule, pool, strategy, who was skipped and why',
  })
  @ApiOkResponse({ type: AssignmentExplanationResponse })
  @ApiErrorResponses(404)
  async explain(
    @Param('leadId', uuidParam('leadId')) leadId: string,
  ): Promise<AssignmentExplanationResponse> {
    return AssignmentExplanationResponse.from(await this.explanations.explain(leadId));
  }
}
