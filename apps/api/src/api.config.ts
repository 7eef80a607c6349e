import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import {
  asInt,
  ConfigError,
  DatabaseConfig,
  KafkaConfig,
  loadConfigParts,
  LoggingConfig,
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

  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  TRUST_PROXY = false;

  @IsString()
  @MinLength(16)
  IP_HASH_SECRET = DEV_IP_HASH_SECRET;
}

/** The API's whole configuration, validated at start-up. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env) {
  const config = loadConfigParts(
    { http: HttpConfig, database: DatabaseConfig, kafka: KafkaConfig, logging: LoggingConfig },
    env,
  );
  if (config.http.NODE_ENV === 'production' && config.http.IP_HASH_SECRET === DEV_IP_HASH_SECRET) {
    // A secret everyone can read in the source would make the IP hashes reversible.
    throw new ConfigError(['IP_HASH_SECRET is missing: required when NODE_ENV=production']);
  }
  return config;
}

export type ApiConfig = ReturnType<typeof loadApiConfig>;
