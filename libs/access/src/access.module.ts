import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditService } from './application/admin-audit/admin-audit.service';
import { Authenticator } from './application/authenticate/authenticator';
import { ApiKeysService } from './application/manage-api-keys/api-keys.service';
import { StaffService } from './application/manage-staff/staff.service';
import { StaffDirectory } from './application/staff-directory';
import { AdminAuditOrmEntity } from './infrastructure/admin-audit.orm-entity';
import { AdminAuditRepository } from './infrastructure/admin-audit.repository';
import { ApiKeyOrmEntity } from './infrastructure/api-key.orm-entity';
import { ApiKeyRepository } from './infrastructure/api-key.repository';
import { OidcConfig } from './infrastructure/oidc/oidc.config';
import { OidcTokenVerifier } from './infrastructure/oidc/oidc-token-verifier';
import { StaffOrmEntity } from './infrastructure/staff.orm-entity';
import { StaffRepository } from './infrastructure/staff.repository';
import { AdminAuditHttpController } from './interface/http/admin-audit.http.controller';
import { AuthGuard } from './interface/http/auth.guard';
import { StaffHttpController } from './interface/http/staff.http.controller';

export interface AccessOptions {
  /** Absent (the CLI) or disabled: API keys only. */
  oidc?: OidcConfig;
  /** The HTTP controllers; the CLI needs only the services. */
  http?: boolean;
}

/**
 * Staff, API keys, bearer tokens and roles: who is calling, and what they may do; and the admin
 * audit of what they changed, which every context writes through AdminAuditService.
 */
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions = {}): DynamicModule {
    const oidc = options.oidc?.enabled ? new OidcTokenVerifier(options.oidc) : null;
    return {
      module: AccessModule,
      global: true,
      imports: [TypeOrmModule.forFeature([StaffOrmEntity, ApiKeyOrmEntity, AdminAuditOrmEntity])],
      controllers: options.http ? [StaffHttpController, AdminAuditHttpController] : [],
      providers: [
        StaffRepository,
        ApiKeyRepository,
        AdminAuditRepository,
        AdminAuditService,
        { provide: OidcTokenVerifier, useValue: oidc },
        Authenticator,
        StaffService,
        ApiKeysService,
        StaffDirectory,
        AuthGuard,
      ],
      exports: [
        Authenticator,
        StaffService,
        ApiKeysService,
        StaffDirectory,
        AuthGuard,
        AdminAuditService,
      ],
    };
  }
}
