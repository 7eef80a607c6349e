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
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import { SchedulingSettingsService } from '../../application/manage-settings/scheduling-settings.service';
import { RoutingAdminService } from '../../application/manage-routing/routing-admin.service';
import { StaffSchedulesService } from '../../application/manage-staff-schedules/staff-schedules.service';
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
    private readonly settings: SchedulingSettingsService,
    private readonly schedules: StaffSchedulesService,
    private readonly routing: RoutingAdminService,
  ) {}

  @Get('scheduling/settings')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getSchedulingSettings',
    summary: 'Clinic hours, holidays, SLAs and cadence',
  })
  @ApiOkResponse({ type: SchedulingSettingsDto })
  async getSettings(): Promise<SchedulingSettingsDto> {
    return SchedulingSettingsDto.from(await this.settings.get());
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
    return SchedulingSettingsDto.from(await this.settings.save(body, context));
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
    return StaffScheduleResponse.from(await this.schedules.get(staffId, actor));
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
    return StaffScheduleResponse.from(await this.schedules.save(staffId, body, context));
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
    return { items: (await this.schedules.listAway(staffId, actor)).map(AwayPeriodResponse.from) };
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
    const period = await this.schedules.addAway(
      staffId,
      { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt), reason: body.reason },
      actor,
      context,
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
    await this.schedules.removeAway(staffId, awayId, actor, context);
  }

  @Get('routing/pools')
  @RequirePermission('scheduling:manage')
  @ApiOperation({ operationId: 'listRoutingPools', summary: 'Routing pools' })
  @ApiOkResponse({ type: PoolListResponse })
  async listPools(): Promise<PoolListResponse> {
    return { items: (await this.routing.listPools()).map(PoolResponse.from) };
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
    return PoolResponse.from(await this.routing.createPool(poolInput(body), context));
  }

  @Get('routing/pools/:poolId')
  @RequirePermission('scheduling:manage')
  @ApiOperation({ operationId: 'getRoutingPool', summary: 'One routing pool' })
  @ApiOkResponse({ type: PoolResponse })
  @ApiErrorResponses(404)
  async getPool(@Param('poolId', uuidParam('poolId')) id: string): Promise<PoolResponse> {
    return PoolResponse.from(await this.routing.getPool(id));
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
    return PoolResponse.from(await this.routing.updatePool(id, poolInput(body), context));
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
    await this.routing.deletePool(id, context);
  }

  @Get('routing/rules')
  @RequirePermission('scheduling:manage')
  @ApiOperation({ operationId: 'getRoutingRules', summary: 'Routing rules, in evaluation order' })
  @ApiOkResponse({ type: RulesResponse })
  async getRules(): Promise<RulesResponse> {
    return { rules: await this.routing.listRules() };
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
    const rules = await this.routing.replaceRules(
      body.rules.map((r) => ({
        id: r.id,
        name: r.name,
        conditions: r.conditions,
        poolId: r.poolId,
        active: r.active ?? true,
      })),
      context,
    );
    return { rules };
  }
}

function poolInput(body: PoolRequest) {
  return {
    name: body.name,
    strategy: body.strategy,
    allCoordinators: body.allCoordinators ?? false,
    catchUpCap: body.catchUpCap ?? 3,
    isDefault: body.isDefault ?? false,
    memberIds: body.memberIds ?? [],
  };
}
