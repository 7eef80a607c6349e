import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../domain/role';
import type { SessionView } from '../../application/sessions/sessions.service';

export class SessionStaffResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: string;
}

export class SessionResponse {
  @ApiProperty({ type: SessionStaffResponse }) staff!: SessionStaffResponse;

  @ApiProperty({
    description:
      'Send it as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE made with the session cookie.',
  })
  csrfToken!: string;

  @ApiProperty({
    format: 'date-time',
    description:
      'When the session ends unless it is used before: the idle expiry, moved on by each request, never past the absolute one.',
  })
  expiresAt!: string;

  static from(view: SessionView): SessionResponse {
    const { id, name, email, role } = view.staff;
    return {
      staff: { id, name, email, role },
      csrfToken: view.csrfToken,
      expiresAt: view.expiresAt.toISOString(),
    };
  }
}

export class LogoutResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The provider's end-session URL, to sign out there too; null when the provider has none.",
  })
  endSessionUrl!: string | null;
}
