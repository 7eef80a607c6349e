import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import { AssignmentExplanationQuery } from '../../application/explain-assignment/assignment-explanation.query';
import { QueueQuery } from '../../application/get-queue/queue.query';
import { FollowUpsService } from '../../application/reschedule-follow-up/follow-ups.service';
import {
  AssignmentExplanationResponse,
  FollowUpListResponse,
  FollowUpResponse,
  QueueRequest,
  QueueResponse,
  RescheduleFollowUpRequest,
  ScheduleFollowUpRequest,
} from './scheduling.dto';

/** Follow-ups, work queues and why a lead went to whom. */
@ApiTags('follow-ups')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class FollowUpsHttpController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly queues: QueueQuery,
    private readonly explanations: AssignmentExplanationQuery,
  ) {}

  @Get('me/queue')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getMyQueue',
    summary: 'My open follow-ups: overdue first, then priority, then due time',
  })
  @ApiOkResponse({ type: QueueResponse })
  async myQueue(
    @Query() query: QueueRequest,
    @CurrentActor() actor: Actor,
  ): Promise<QueueResponse> {
    return QueueResponse.from(await this.queues.of(actor.staffId, actor, query.limit ?? 50));
  }

  @Get('staff/:staffId/queue')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getStaffQueue',
    summary: 'A person’s open follow-ups (admins, or the person)',
  })
  @ApiOkResponse({ type: QueueResponse })
  @ApiErrorResponses(404)
  async staffQueue(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @Query() query: QueueRequest,
    @CurrentActor() actor: Actor,
  ): Promise<QueueResponse> {
    return QueueResponse.from(await this.queues.of(staffId, actor, query.limit ?? 50));
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
