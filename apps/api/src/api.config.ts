import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { OidcConfig } from '@intake/access';
import {
  asInt,
  ConfigError,
  DatabaseConfig,
  HttpServerConfig,
  KafkaConfig,
  loadConfigParts,
  LoggingConfig,
  MetricsConfig,
} from '@intake/platform';

const DEV_IP_HASH_SECRET = 'intake-development-only';

export class HttpConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @asInt()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /**
   * Which proxies' X-Forwarded-For to believe, as Express takes it: `false`, a hop count, or a
   * list of addresses/subnets (`loopback`, `10.0.0.0/8`). `true` trusts every hop, so a client
   * could choose the address that gets hashed.
   */
  @Matches(/^(false|true|\d+|[\w.:/, -]+)$/, {
    message: 'must be false, true, a hop count or a list of addresses',
  })
  TRUST_PROXY = 'false';

  /** TRUST_PROXY in the form Express's `trust proxy` setting takes. */
  trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'false' || this.TRUST_PROXY === 'true')
      return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  @IsString()
  @MinLength(16)
  IP_HASH_SECRET = DEV_IP_HASH_SECRET;
}

export class ApiMetricsConfig extends MetricsConfig {
  override METRICS_PORT = 9464;
}

/** The API's whole configuration, validated at start-up. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfigParts(
    {
      http: HttpConfig,
      server: HttpServerConfig,
      database: DatabaseConfig,
      kafka: KafkaConfig,
      logging: LoggingConfig,
      oidc: OidcConfig,
      metrics: ApiMetricsConfig,
    },
    env,
  );
  const oidcProblems = config.oidc.problems();
  if (oidcProblems.length > 0) throw new ConfigError(oidcProblems);
  if (config.http.NODE_ENV === 'production' && config.http.IP_HASH_SECRET === DEV_IP_HASH_SECRET) {
    // A secret everyone can read in the source would make the IP hashes reversible.
    throw new ConfigError(['IP_HASH_SECRET is missing: required when NODE_ENV=production']);
  }
  return config;
}

export type ApiConfig = ReturnType<typeof loadApiConfig>;
