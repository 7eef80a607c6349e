import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { asInt, ConfigError, loadConfig } from '@intake/platform';
import { DEMO_PASSWORD } from './demo-accounts';

const URL_LIST = /^\s*https?:\/\/[^\s,]+\s*(,\s*https?:\/\/[^\s,]+\s*)*$/;

/** The local OpenID Provider's settings (`npm run start:idp`); a development and test tool. */
export class IdpConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @asInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  IDP_PORT = 3003;

  @IsString()
  IDP_HOST = '127.0.0.1';

  /** The issuer identifier; empty: `http://localhost:<port>`. */
  @Matches(/^(https?:\/\/[^\s?#]+[^\s?#/])?$/, {
    message: 'must be an http(s) URL without query or trailing slash',
  })
  IDP_ISSUER = '';

  /** The console's client (the api's OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). */
  @IsString()
  @MinLength(1)
  IDP_CLIENT_ID = 'intake-console';

  @IsString()
  @MinLength(16)
  IDP_CLIENT_SECRET = 'intake-console-local-secret';

  /** The api's OIDC_REDIRECT_URI, comma-separated when there are several. */
  @Matches(URL_LIST, { message: 'must be a comma-separated list of http(s) URLs' })
  IDP_REDIRECT_URIS = 'http://localhost:3000/auth/callback,http://127.0.0.1:3000/auth/callback';

  /** Where the provider may send a browser after signing out (the console). */
  @Matches(URL_LIST, { message: 'must be a comma-separated list of http(s) URLs' })
  IDP_POST_LOGOUT_REDIRECT_URIS = 'http://localhost:3000/console/,http://127.0.0.1:3000/console/';

  /** Every demo account's password. */
  @IsString()
  @MinLength(8)
  IDP_DEMO_PASSWORD = DEMO_PASSWORD;

  redirectUris(): string[] {
    return list(this.IDP_REDIRECT_URIS);
  }

  postLogoutRedirectUris(): string[] {
    return list(this.IDP_POST_LOGOUT_REDIRECT_URIS);
  }
}

function list(value: string): string[] {
  return value.split(',').map((uri) => uri.trim());
}

/** Validated; refuses production outright: demo accounts with a published password. */
export function loadIdpConfig(env: Record<string, string | undefined> = process.env): IdpConfig {
  const config = loadConfig(IdpConfig, env);
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([
      'NODE_ENV is production: the local identity provider is a development and test tool (demo accounts, one published password) and does not run in production',
    ]);
  }
  return config;
}
