import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  JsonBodyInterceptor,
  timeWindowAnswer,
  timeWindowPage,
} from '@intake/platform';
import { ListAdminAuditQuery } from '../../application/list-admin-audit/list-admin-audit.query';
import { RequirePermission } from './auth.decorators';
import {
  AdminAuditEntryResponse,
  AdminAuditPageResponse,
  ListAdminAuditRequest,
} from './admin-audit.dto';

@ApiTags('audit')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/admin-audit')
export class AdminAuditHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({
    operationId: 'listAdminAudit',
    summary: 'Who changed staff, keys, forms, scheduling, routing or parked records, newest first',
  })
  @ApiOkResponse({ type: AdminAuditPageResponse })
  async list(@Query() query: ListAdminAuditRequest): Promise<AdminAuditPageResponse> {
    const page = await this.queries.execute(
      new ListAdminAuditQuery({
        filter: {
          actorId: query.actorId ?? null,
          actorType: query.actorType ?? null,
          action: query.action ?? null,
          targetType: query.targetType ?? null,
          targetId: query.targetId ?? null,
          ...timeWindowPage(query),
        },
      }),
    );
    return timeWindowAnswer(page.items.map(AdminAuditEntryResponse.from), page.hasMore);
  }
}
