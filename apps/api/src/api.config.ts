import { availableParallelism } from 'node:os';
import { IsIn, IsInt, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { OidcConfig, SignInConfig } from '@intake/access';
import { WebhooksConfig } from '@intake/notifications';
import {
  asInt,
  ConfigError,
  DatabaseConfig,
  HttpServerConfig,
  KafkaConfig,
  loadConfigParts,
  LoggingConfig,
  MetricsConfig,
  PrivacyConfig,
} from '@intake/platform';
import { AlertChatConfig } from '@intake/notifications';
import { ConsoleConfig } from './console/console.config';

const DEV_IP_HASH_SECRET = 'intake-development-only';
const DEV_START_TOKEN_SECRET = 'intake-start-tokens-development-only';

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

/** Proof that a person filled the form: start tokens and the captcha providers. */
export class FormProofConfig {
  /** Key of the HMAC that signs start tokens; every api instance needs the same one. */
  @IsString()
  @MinLength(16)
  START_TOKEN_SECRET = DEV_START_TOKEN_SECRET;

  /** How long a form may stay open: a token older than this is expired. */
  @asInt()
  @IsInt()
  @Min(60)
  @Max(7 * 86_400)
  START_TOKEN_MAX_AGE_SECONDS = 86_400;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  TURNSTILE_SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  HCAPTCHA_SITEVERIFY_URL = 'https://api.hcaptcha.com/siteverify';

  /** How long to wait for a captcha provider before its form's fail mode decides. */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(30_000)
  CAPTCHA_TIMEOUT_MS = 3000;
}

/** Live updates: the queue streams (`GET /v1/me/queue/stream`). */
export class LiveUpdatesConfig {
  /** Between heartbeat comments on an open stream: below proxies' idle timeouts (often 60 s). */
  @asInt()
  @IsInt()
  @Min(1_000)
  @Max(60_000)
  LIVE_HEARTBEAT_MS = 15_000;
}

/**
 * How many api processes serve the HTTP port, with node:cluster: one Node process uses one core
 * for JavaScript, and the api's event loop is what a busy form waits on.
 */
export class ApiProcessesConfig {
  /** `auto`: one per core this process may use; or a number (1: no cluster, the default). */
  @Matches(/^(auto|[1-9]\d{0,2})$/, { message: 'must be auto or a number from 1 to 999' })
  API_PROCESSES = '1';

  /** The number of processes to run. */
  count(cores = availableParallelism()): number {
    return this.API_PROCESSES === 'auto' ? Math.max(1, cores) : Number(this.API_PROCESSES);
  }
}

export class ApiMetricsConfig extends MetricsConfig {
  override METRICS_PORT = 9464;
}

/** The API's whole configuration, validated at start-up. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfigParts(
    {
      http: HttpConfig,
      processes: ApiProcessesConfig,
      proof: FormProofConfig,
      server: HttpServerConfig,
      database: DatabaseConfig,
      kafka: KafkaConfig,
      logging: LoggingConfig,
      oidc: OidcConfig,
      signIn: SignInConfig,
      metrics: ApiMetricsConfig,
      live: LiveUpdatesConfig,
      console: ConsoleConfig,
      webhooks: WebhooksConfig,
      alerts: AlertChatConfig,
      privacy: PrivacyConfig,
    },
    env,
  );
  const oidcProblems = [
    ...config.oidc.problems({ signIn: config.signIn.enabled }),
    ...config.signIn.problems(config.oidc),
  ];
  if (oidcProblems.length > 0) throw new ConfigError(oidcProblems);
  const missing: string[] = [];
  if (config.http.NODE_ENV === 'production') {
    // A secret everyone can read in the source would make the IP hashes reversible, and let
    // anyone sign a start token.
    if (config.http.IP_HASH_SECRET === DEV_IP_HASH_SECRET) missing.push('IP_HASH_SECRET');
    if (config.proof.START_TOKEN_SECRET === DEV_START_TOKEN_SECRET)
      missing.push('START_TOKEN_SECRET');
  }
  const problems = [
    ...missing.map((name) => `${name} is missing: required when NODE_ENV=production`),
    ...config.privacy.problems(),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export type ApiConfig = ReturnType<typeof loadApiConfig>;
