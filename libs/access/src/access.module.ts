import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditRecorder } from './application/admin-audit/admin-audit-recorder';
import { Authenticator } from './application/authenticate/authenticator';
import { ApiKeysService } from './application/manage-api-keys/api-keys.service';
import { StaffService } from './application/manage-staff/staff.service';
import { StaffDirectory } from './application/staff-directory';
import { ListAdminAuditHandler } from './application/list-admin-audit/list-admin-audit.handler';
import { CreateStaffHandler } from './application/create-staff/create-staff.handler';
import { GetStaffHandler } from './application/get-staff/get-staff.handler';
import { ListStaffHandler } from './application/list-staff/list-staff.handler';
import { UpdateStaffHandler } from './application/update-staff/update-staff.handler';
import { CreateApiKeyHandler } from './application/create-api-key/create-api-key.handler';
import { ListApiKeysHandler } from './application/list-api-keys/list-api-keys.handler';
import { RevokeApiKeyHandler } from './application/revoke-api-key/revoke-api-key.handler';
import { AdminAuditOrmEntity } from './infrastructure/admin-audit.orm-entity';
import { AdminAuditRepository } from './infrastructure/admin-audit.repository';
import { ApiKeyOrmEntity } from './infrastructure/api-key.orm-entity';
import { ApiKeyRepository } from './infrastructure/api-key.repository';
import { OidcConfig } from './infrastructure/oidc/oidc.config';
import { OidcTokenVerifier } from './infrastructure/oidc/oidc-token-verifier';
import { OidcSignInClient } from './infrastructure/oidc/oidc-sign-in.client';
import { SignInConfig } from './infrastructure/oidc/sign-in.config';
import { AuthSessionOrmEntity } from './infrastructure/auth-session.orm-entity';
import { AuthSessionRepository } from './infrastructure/auth-session.repository';
import { SessionPruner } from './infrastructure/session.pruner';
import { SESSION_POLICY, SessionsService } from './application/sessions/sessions.service';
import { SignInService } from './application/sign-in/sign-in.service';
import { SIGN_IN_SITE } from './application/sign-in/sign-in-site';
import { SignInHttpController } from './interface/http/sign-in.http.controller';
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
  /**
   * The console's sign-in and its session cookie (the api only): the /auth routes, and the
   * guard accepting the cookie. Sign-in itself is off while OIDC_CLIENT_ID is empty.
   */
  signIn?: SignInConfig;
  /** The worker: prunes ended sessions and unfinished sign-ins. */
  housekeeping?: boolean;
}

/**
 * Staff, API keys, bearer tokens and roles: who is calling, and what they may do; and the admin
 * audit of what they changed, which every context writes through AdminAuditRecorder.
 */
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions = {}): DynamicModule {
    const oidc = options.oidc?.bearerEnabled ? new OidcTokenVerifier(options.oidc) : null;
    const signIn = options.signIn;
    const signInClient =
      signIn?.enabled && options.oidc?.enabled ? new OidcSignInClient(options.oidc, signIn) : null;
    const sessionProviders = signIn
      ? [
          { provide: SIGN_IN_SITE, useValue: signIn },
          { provide: SESSION_POLICY, useValue: signIn.sessionPolicy() },
          { provide: OidcSignInClient, useValue: signInClient },
          SessionsService,
          SignInService,
        ]
      : [];
    return {
      module: AccessModule,
      global: true,
      imports: [
        CqrsModule,
        TypeOrmModule.forFeature([
          StaffOrmEntity,
          ApiKeyOrmEntity,
          AdminAuditOrmEntity,
          AuthSessionOrmEntity,
        ]),
      ],
      controllers: options.http
        ? [StaffHttpController, AdminAuditHttpController, ...(signIn ? [SignInHttpController] : [])]
        : [],
      providers: [
        AuthSessionRepository,
        ...sessionProviders,
        ...(options.housekeeping ? [SessionPruner] : []),
        StaffRepository,
        ApiKeyRepository,
        AdminAuditRepository,
        AdminAuditRecorder,
        ListAdminAuditHandler,
        { provide: OidcTokenVerifier, useValue: oidc },
        Authenticator,
        CreateStaffHandler,
        UpdateStaffHandler,
        GetStaffHandler,
        ListStaffHandler,
        CreateApiKeyHandler,
        ListApiKeysHandler,
        RevokeApiKeyHandler,
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
        AdminAuditRecorder,
        ...(signIn ? [SessionsService] : []),
        ...(options.housekeeping ? [SessionPruner] : []),
      ],
    };
  }
}
