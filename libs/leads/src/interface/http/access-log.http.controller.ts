import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@intake/access';
import {
  ApiErrorResponses,
  JsonBodyInterceptor,
  timeWindowAnswer,
  timeWindowPage,
} from '@intake/platform';
import { ListAccessLogQuery } from '../../application/list-access-log/list-access-log.query';
import { ListAccessLogRequest } from './lead-requests.dto';
import { AccessLogEntryResponse, AccessLogPageResponse } from './access-log-responses.dto';

@ApiTags('audit')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/access-log')
export class AccessLogHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('access_log:read')
  @ApiOperation({
    operationId: 'listAccessLog',
    summary: "Who read which lead's personal data, newest first",
  })
  @ApiOkResponse({ type: AccessLogPageResponse })
  async list(@Query() query: ListAccessLogRequest): Promise<AccessLogPageResponse> {
    const page = await this.queries.execute(
      new ListAccessLogQuery({
        filter: {
          leadId: query.leadId ?? null,
          actorId: query.actorId ?? null,
          ...timeWindowPage(query),
        },
      }),
    );
    return timeWindowAnswer(page.items.map(AccessLogEntryResponse.from), page.hasMore);
  }
}
