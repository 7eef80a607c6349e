import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@intake/platform';
import { PRIORITIES, Priority } from '../../domain/scheduling-settings';
import { LANGUAGE, STATE_CODES } from './scheduling-fields';

export class RuleConditionsDto {
  @ApiPropertyOptional({ type: [String], example: ['NY', 'NJ'] })
  @IsOptional()
  @IsArray()
  @IsIn(STATE_CODES, { each: true, message: 'each state must be a US state code' })
  states?: string[];

  @ApiPropertyOptional({ type: [String], example: ['depression'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  interests?: string[];

  @ApiPropertyOptional({ type: [String], example: ['es'] })
  @IsOptional()
  @IsArray()
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639-1 code such as es' })
  languages?: string[];

  @ApiPropertyOptional({ type: [String], example: ['consultation'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  formKeys?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['google'],
    description: 'The first touch’s utm_source, or direct.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  sources?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(PRIORITIES, { each: true })
  priorities?: Priority[];
}

export class RuleDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Keep a rule’s id across edits; new rules get one.',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    type: RuleConditionsDto,
    description: 'Every condition given must hold; a list matches any of its values.',
  })
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  conditions!: RuleConditionsDto;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  poolId!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RulesRequest {
  @ApiProperty({ type: [RuleDto], description: 'Evaluated in this order; the first match wins.' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules!: RuleDto[];
}

export class RulesResponse {
  @ApiProperty({ type: [RuleDto] }) rules!: RuleDto[];
}
