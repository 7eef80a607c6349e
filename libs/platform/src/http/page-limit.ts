import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { asInt } from '../config/common.config';

/**
 * A list query's optional page size: a whole number from 1 to 200 (absent: the list's own
 * default, 50). Applied bottom-up, the order stacked decorators register in, so a bad value
 * gets its messages in the order it always has.
 */
export const PageLimit = () =>
  applyDecorators(
    Max(200),
    Min(1),
    IsInt(),
    asInt(),
    IsOptional(),
    ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }),
  );
