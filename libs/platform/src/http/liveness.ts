import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Liveness' })
export class LivenessResponse {
  @ApiProperty({ enum: ['ok'], description: 'Always `ok`: the process answers.' })
  status!: 'ok';
}

/**
 * `GET /health/live`, the same in every app with an HTTP server: its health controller extends
 * this and adds the readiness that is its own.
 */
export abstract class LivenessController {
  @Get('live')
  @ApiOperation({ operationId: 'live', summary: 'Liveness' })
  @ApiOkResponse({ type: LivenessResponse, description: 'The process answers.' })
  live(): LivenessResponse {
    return { status: 'ok' };
  }
}
