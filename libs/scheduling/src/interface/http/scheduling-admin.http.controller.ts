import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  AuditContext,
  CurrentActor,
  CurrentAuditContext,
  RequirePermission,
} from '@intake/access';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import { GetSchedulingSettingsQuery } from '../../application/get-scheduling-settings/get-scheduling-settings.query';
import { ReplaceSchedulingSettingsCommand } from '../../application/replace-scheduling-settings/replace-scheduling-settings.command';
import { CreateRoutingPoolCommand } from '../../application/create-routing-pool/create-routing-pool.command';
import { DeleteRoutingPoolCommand } from '../../application/delete-routing-pool/delete-routing-pool.command';
import { GetRoutingPoolQuery } from '../../application/get-routing-pool/get-routing-pool.query';
import { ListRoutingPoolsQuery } from '../../application/list-routing-pools/list-routing-pools.query';
import { ListRoutingRulesQuery } from '../../application/list-routing-rules/list-routing-rules.query';
import { ReplaceRoutingRulesCommand } from '../../application/replace-routing-rules/replace-routing-rules.command';
import { UpdateRoutingPoolCommand } from '../../application/update-routing-pool/update-routing-pool.command';
import { CreateAwayPeriodCommand } from '../../application/create-away-period/create-away-period.command';
import { DeleteAwayPeriodCommand } from '../../application/delete-away-period/delete-away-period.command';
import { GetStaffScheduleQuery } from '../../application/get-staff-schedule/get-staff-schedule.query';
import { ListAwayPeriodsQuery } from '../../application/list-away-periods/list-away-periods.query';
import { UpdateStaffScheduleCommand } from '../../application/update-staff-schedule/update-staff-schedule.command';
import type { PoolInput } from '../../application/create-routing-pool/create-routing-pool.command';
import { PoolListResponse, PoolRequest, PoolResponse } from './routing-pools.dto';
import { RulesRequest, RulesResponse } from './routing-rules.dto';
import { SchedulingSettingsDto } from './settings.dto';
import {
  AwayPeriodListResponse,
  AwayPeriodResponse,
  CreateAwayPeriodRequest,
  StaffScheduleResponse,
  UpdateStaffScheduleRequest,
} from './staff-schedules.dto';

/** Clinic settings, staff calendars, routing pools and rules. */
@ApiTags('scheduling')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class SchedulingAdminHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('scheduling/settings')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getSchedulingSettings',
    summary: 'Clinic hours, holidays, SLAs and cadence',
  })
  @ApiOkResponse({ type: SchedulingSettingsDto })
  async getSettings(): Promise<SchedulingSettingsDto> {
    return SchedulingSettingsDto.from(await this.queries.execute(new GetSchedulingSettingsQuery()));
  }

  @Put('scheduling/settings')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'putSchedulingSettings',
    summary: 'Replace the clinic’s scheduling settings',
  })
  @ApiOkResponse({ type: SchedulingSettingsDto })
  async putSettings(
    @Body() body: SchedulingSettingsDto,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<SchedulingSettingsDto> {
    const settings = await this.commands.execute(
      new ReplaceSchedulingSettingsCommand({ settings: body, context }),
    );
    return SchedulingSettingsDto.from(settings);
  }

  @Get('staff/:staffId/schedule')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getStaffSchedule',
    summary: 'A person’s calendar and routing profile (admins, or the person)',
  })
  @ApiOkResponse({ type: StaffScheduleResponse })
  @ApiErrorResponses(404)
  async getSchedule(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @CurrentActor() actor: Actor,
  ): Promise<StaffScheduleResponse> {
    const schedule = await this.queries.execute(new GetStaffScheduleQuery({ staffId, actor }));
    return StaffScheduleResponse.from(schedule);
  }

  @Patch('staff/:staffId/schedule')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'updateStaffSchedule',
    summary: 'Change a person’s time zone, hours, languages, licences, capacity or weight',
  })
  @ApiOkResponse({ type: StaffScheduleResponse })
  @ApiErrorResponses(404)
  async updateSchedule(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @Body() body: UpdateStaffScheduleRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<StaffScheduleResponse> {
    const schedule = await this.commands.execute(
      new UpdateStaffScheduleCommand({ staffId, changes: body, context }),
    );
    return StaffScheduleResponse.from(schedule);
  }

  @Get('staff/:staffId/away-periods')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'listAwayPeriods',
    summary: 'A person’s absences (admins, or the person)',
  })
  @ApiOkResponse({ type: AwayPeriodListResponse })
  @ApiErrorResponses(404)
  async listAway(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @CurrentActor() actor: Actor,
  ): Promise<AwayPeriodListResponse> {
    const periods = await this.queries.execute(new ListAwayPeriodsQuery({ staffId, actor }));
    return { items: periods.map(AwayPeriodResponse.from) };
  }

  @Post('staff/:staffId/away-periods')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'createAwayPeriod',
    summary:
      'Record an absence: no leads are routed to the person during it (admins, or the person)',
  })
  @ApiResponse({ status: 201, type: AwayPeriodResponse })
  @ApiErrorResponses(404)
  async addAway(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @Body() body: CreateAwayPeriodRequest,
    @CurrentActor() actor: Actor,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<AwayPeriodResponse> {
    const period = await this.commands.execute(
      new CreateAwayPeriodCommand({
        staffId,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        reason: body.reason,
        actor,
        context,
      }),
    );
    return AwayPeriodResponse.from(period);
  }

  @Delete('staff/:staffId/away-periods/:awayId')
  @RequirePermission('leads:read')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteAwayPeriod',
    summary: 'Remove an absence (admins, or the person)',
  })
  @ApiNoContentResponse()
  @ApiErrorResponses(404)
  async removeAway(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @Param('awayId', uuidParam('awayId')) awayId: string,
    @CurrentActor() actor: Actor,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<void> {
    await this.commands.execute(new DeleteAwayPeriodCommand({ staffId, awayId, actor, context }));
  }

  @Get('routing/pools')
  @RequirePermission('scheduling:manage')
  @ApiOperation({ operationId: 'listRoutingPools', summary: 'Routing pools' })
  @ApiOkResponse({ type: PoolListResponse })
  async listPools(): Promise<PoolListResponse> {
    return {
      items: (await this.queries.execute(new ListRoutingPoolsQuery())).map(PoolResponse.from),
    };
  }

  @Post('routing/pools')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'createRoutingPool',
    summary: 'Create a pool of staff with a strategy',
  })
  @ApiResponse({ status: 201, type: PoolResponse })
  async createPool(
    @Body() body: PoolRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<PoolResponse> {
    const pool = await this.commands.execute(
      new CreateRoutingPoolCommand({ pool: poolInput(body), context }),
    );
    return PoolResponse.from(pool);
  }

  @Get('routing/pools/:poolId')
  @RequirePermission('scheduling:manage')
  @ApiOperation({ operationId: 'getRoutingPool', summary: 'One routing pool' })
  @ApiOkResponse({ type: PoolResponse })
  @ApiErrorResponses(404)
  async getPool(@Param('poolId', uuidParam('poolId')) id: string): Promise<PoolResponse> {
    return PoolResponse.from(await this.queries.execute(new GetRoutingPoolQuery({ poolId: id })));
  }

  @Put('routing/pools/:poolId')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'putRoutingPool',
    summary: 'Replace a pool; members who stay keep their place',
  })
  @ApiOkResponse({ type: PoolResponse })
  @ApiErrorResponses(404)
  async putPool(
    @Param('poolId', uuidParam('poolId')) id: string,
    @Body() body: PoolRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<PoolResponse> {
    const pool = await this.commands.execute(
      new UpdateRoutingPoolCommand({ poolId: id, pool: poolInput(body), context }),
    );
    return PoolResponse.from(pool);
  }

  @Delete('routing/pools/:poolId')
  @RequirePermission('scheduling:manage')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteRoutingPool',
    summary: 'Delete a pool no rule uses (not the default)',
  })
  @ApiNoContentResponse()
  @ApiErrorResponses(404, 409)
  async deletePool(
    @Param('poolId', uuidParam('poolId')) id: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<void> {
    await this.commands.execute(new DeleteRoutingPoolCommand({ poolId: id, context }));
  }

  @Get('routing/rules')
  @RequirePermission('scheduling:manage')
  @ApiOperation({ operationId: 'getRoutingRules', summary: 'Routing rules, in evaluation order' })
  @ApiOkResponse({ type: RulesResponse })
  async getRules(): Promise<RulesResponse> {
    return { rules: await this.queries.execute(new ListRoutingRulesQuery()) };
  }

  @Put('routing/rules')
  @RequirePermission('scheduling:manage')
  @ApiOperation({
    operationId: 'putRoutingRules',
    summary: 'Replace the ordered list of routing rules',
  })
  @ApiOkResponse({ type: RulesResponse })
  async putRules(
    @Body() body: RulesRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<RulesResponse> {
    const rules = await this.commands.execute(
      new ReplaceRoutingRulesCommand({
        rules: body.rules.map((r) => ({
          id: r.id,
          name: r.name,
          conditions: r.conditions,
          poolId: r.poolId,
          active: r.active ?? true,
        })),
        context,
      }),
    );
    return { rules };
  }
}

function poolInput(body: PoolRequest): PoolInput {
  return {
    name: body.name,
    strategy: body.strategy,
    allCoordinators: body.allCoordinators ?? false,
    catchUpCap: body.catchUpCap ?? 3,
    isDefault: body.isDefault ?? false,
    memberIds: body.memberIds ?? [],
  };
}
