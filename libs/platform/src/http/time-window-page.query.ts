import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageLimit } from './page-limit';
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

  @PageLimit()
  limit?: number;
}

/** The request's window and page as a log's filter takes them (absent: no bound, 50 rows). */
export function timeWindowPage(query: TimeWindowPageQuery): {
  from: Date | null;
  to: Date | null;
  before: string | null;
  limit: number;
} {
  return {
    from: query.from ? new Date(query.from) : null,
    to: query.to ? new Date(query.to) : null,
    before: query.cursor ?? null,
    limit: query.limit ?? 50,
  };
}

/** A page of a log as the API answers it: the rows, and the cursor to the next page, if any. */
export function timeWindowAnswer<T extends { id: string }>(
  items: T[],
  hasMore: boolean,
): { items: T[]; nextCursor: string | null } {
  return { items, nextCursor: hasMore ? (items[items.length - 1]?.id ?? null) : null };
}
