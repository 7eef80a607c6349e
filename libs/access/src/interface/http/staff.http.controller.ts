import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import { CreateApiKeyCommand } from '../../application/create-api-key/create-api-key.command';
import { ListApiKeysQuery } from '../../application/list-api-keys/list-api-keys.query';
import { RevokeApiKeyCommand } from '../../application/revoke-api-key/revoke-api-key.command';
import { CreateStaffCommand } from '../../application/create-staff/create-staff.command';
import { GetStaffQuery } from '../../application/get-staff/get-staff.query';
import { ListStaffQuery } from '../../application/list-staff/list-staff.query';
import { UpdateStaffCommand } from '../../application/update-staff/update-staff.command';
import { StaffDirectory } from '../../application/staff-directory';
import { Actor } from '../../domain/actor';
import { AuditContext } from '../../domain/admin-audit';
import { ROLE_PERMISSIONS } from '../../domain/role';
import { CurrentActor, CurrentAuditContext, RequirePermission } from './auth.decorators';
import {
  ApiKeyListResponse,
  ApiKeyResponse,
  AssigneeListResponse,
  AssigneeResponse,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
  CreateStaffRequest,
  MeResponse,
  StaffListResponse,
  StaffResponse,
  UpdateStaffRequest,
} from './staff.dto';

@ApiTags('staff')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class StaffHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly directory: StaffDirectory,
  ) {}

  @Get('me')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getMe',
    summary: 'Who the credential belongs to, and what it may do',
  })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return {
      staff: StaffResponse.from(
        await this.queries.execute(new GetStaffQuery({ staffId: actor.staffId })),
      ),
      credential: actor.credential,
      permissions: [...ROLE_PERMISSIONS[actor.role]],
    };
  }

  @Post('staff')
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'createStaff',
    summary: 'Add a staff member or a named integration',
  })
  @ApiResponse({ status: 201, type: StaffResponse })
  async create(
    @Body() body: CreateStaffRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<StaffResponse> {
    return StaffResponse.from(
      await this.commands.execute(
        new CreateStaffCommand({
          name: body.name,
          email: body.email ?? null,
          role: body.role,
          context,
        }),
      ),
    );
  }

  @Get('assignees')
  @RequirePermission('leads:write')
  @ApiOperation({
    operationId: 'listAssignees',
    summary: 'Who a lead can be given to',
    description:
      'Active admins and coordinators, by name: for handing a lead to a colleague. No emails; the full staff list is for admins (`GET /v1/staff`).',
  })
  @ApiOkResponse({ type: AssigneeListResponse })
  async assignees(): Promise<AssigneeListResponse> {
    return { items: (await this.directory.assignable()).map(AssigneeResponse.from) };
  }

  @Get('staff')
  @RequirePermission('staff:manage')
  @ApiOperation({ operationId: 'listStaff', summary: 'List staff' })
  @ApiOkResponse({ type: StaffListResponse })
  async list(): Promise<StaffListResponse> {
    return { items: (await this.queries.execute(new ListStaffQuery())).map(StaffResponse.from) };
  }

  @Get('staff/:staffId')
  @RequirePermission('staff:manage')
  @ApiOperation({ operationId: 'getStaff', summary: 'One staff member' })
  @ApiOkResponse({ type: StaffResponse })
  @ApiErrorResponses(404)
  async get(@Param('staffId', uuidParam('staffId')) id: string): Promise<StaffResponse> {
    return StaffResponse.from(await this.queries.execute(new GetStaffQuery({ staffId: id })));
  }

  @Patch('staff/:staffId')
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'updateStaff',
    summary: 'Rename, change role, or (de)activate a staff member',
  })
  @ApiOkResponse({ type: StaffResponse })
  @ApiErrorResponses(404)
  async update(
    @Param('staffId', uuidParam('staffId')) id: string,
    @Body() body: UpdateStaffRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<StaffResponse> {
    return StaffResponse.from(
      await this.commands.execute(new UpdateStaffCommand({ staffId: id, changes: body, context })),
    );
  }

  @Post('staff/:staffId/api-keys')
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key for a staff member; the key is shown once',
  })
  @ApiResponse({ status: 201, type: CreatedApiKeyResponse })
  @ApiErrorResponses(404)
  async createKey(
    @Param('staffId', uuidParam('staffId')) staffId: string,
    @Body() body: CreateApiKeyRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<CreatedApiKeyResponse> {
    const created = await this.commands.execute(
      new CreateApiKeyCommand({ staffId, name: body.name, context }),
    );
    return { ...ApiKeyResponse.from(created.record), key: created.plaintext };
  }

  @Get('api-keys')
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'List API keys (never the keys themselves)',
  })
  @ApiQuery({ name: 'staffId', required: false, type: String })
  @ApiOkResponse({ type: ApiKeyListResponse })
  async listKeys(
    @Query('staffId', new ParseUUIDPipe({ optional: true })) staffId?: string,
  ): Promise<ApiKeyListResponse> {
    const keys = await this.queries.execute(new ListApiKeysQuery({ staffId }));
    return { items: keys.map(ApiKeyResponse.from) };
  }

  @Delete('api-keys/:keyId')
  @HttpCode(200)
  @RequirePermission('staff:manage')
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key; it stops working at once',
  })
  @ApiOkResponse({ type: ApiKeyResponse })
  @ApiErrorResponses(404)
  async revokeKey(
    @Param('keyId', uuidParam('keyId')) id: string,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<ApiKeyResponse> {
    return ApiKeyResponse.from(
      await this.commands.execute(new RevokeApiKeyCommand({ keyId: id, context })),
    );
  }
}
