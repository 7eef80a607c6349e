import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { asInt } from '../config/common.config';
import { IsTimestamp } from './validation';

/**
 * The query of an append-only log read newest first: a time window and a keyset page whose
 * cursor is the last row's id (UUIDv7). Each log's request extends it with its own filters.
 */
export class TimeWindowPageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'At or after this time.' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this time.' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'nextCursor from the previous page.' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @asInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
