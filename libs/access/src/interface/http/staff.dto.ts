import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Trim } from '@intake/platform';
import { ApiKeyRecord } from '../../application/manage-api-keys/api-key-record';
import { ASSIGNABLE_ROLES, Role, ROLES } from '../../domain/role';
import { StaffMember } from '../../domain/staff';

export class CreateStaffRequest {
  @ApiProperty({ example: 'Dana Whitfield', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'dana@clinic.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ enum: ROLES, description: 'service: a named integration, not a person.' })
  @IsIn(ROLES)
  role!: Role;
}

export class UpdateStaffRequest {
  // Absent keeps the value; null is not a name (nor a role, nor a state).
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((_, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates: their keys and tokens stop working.' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  active?: boolean;
}

export class StaffResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(member: StaffMember): StaffResponse {
    return {
      id: member.id,
      name: member.name,
      email: member.email,
      role: member.role,
      active: member.active,
      createdAt: member.createdAt.toISOString(),
      updatedAt: member.updatedAt.toISOString(),
    };
  }
}

export class StaffListResponse {
  @ApiProperty({ type: [StaffResponse] }) items!: StaffResponse[];
}

/** Someone a lead can be given to: no email, no dates, nothing but who they are. */
export class AssigneeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Cora Coordinator' }) name!: string;
  @ApiProperty({ enum: ASSIGNABLE_ROLES }) role!: Role;

  static from(member: StaffMember): AssigneeResponse {
    return { id: member.id, name: member.name, role: member.role };
  }
}

export class AssigneeListResponse {
  @ApiProperty({ type: [AssigneeResponse] }) items!: AssigneeResponse[];
}

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'Dana laptop', maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The visible part of the key: ik_<prefix>_…', example: 'Ab3dE9xZ' })
  prefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;

  static from(record: ApiKeyRecord): ApiKeyResponse {
    return {
      id: record.id,
      staffId: record.staffId,
      name: record.name,
      prefix: record.prefix,
      createdAt: record.createdAt.toISOString(),
      lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
      revokedAt: record.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself. Shown this once; only a hash is stored.' })
  key!: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) items!: ApiKeyResponse[];
}

export class MeResponse {
  @ApiProperty({ type: StaffResponse }) staff!: StaffResponse;
  @ApiProperty({ enum: ['api_key', 'oidc', 'session'] }) credential!: string;
  @ApiProperty({ type: [String] }) permissions!: string[];
}
