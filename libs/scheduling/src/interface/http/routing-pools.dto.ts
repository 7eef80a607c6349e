import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { Trim } from '@intake/platform';
import { STRATEGIES, Strategy } from '../../domain/routing';
import { PoolSettings } from '../../application/manage-routing/pool-settings';

export class PoolRequest {
  @ApiProperty({ maxLength: 100, example: 'Spanish speakers' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: STRATEGIES })
  @IsIn(STRATEGIES)
  strategy!: Strategy;

  @ApiPropertyOptional({
    default: false,
    description: 'Every active coordinator, in id order; memberIds is ignored.',
  })
  @IsOptional()
  @IsBoolean()
  allCoordinators?: boolean;

  @ApiPropertyOptional({
    default: 3,
    minimum: 0,
    maximum: 100,
    description: 'Weighted: most leads someone back from an absence may get ahead of their share.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  catchUpCap?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Leads no rule matches come here; one pool is the default.',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'Active coordinators or admins, in rotation order.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class PoolResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STRATEGIES }) strategy!: Strategy;
  @ApiProperty() allCoordinators!: boolean;
  @ApiProperty() catchUpCap!: number;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ type: [String] }) memberIds!: string[];

  static from(p: PoolSettings): PoolResponse {
    return { ...p, memberIds: [...p.memberIds] };
  }
}

export class PoolListResponse {
  @ApiProperty({ type: [PoolResponse] }) items!: PoolResponse[];
}
