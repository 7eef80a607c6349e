import { accessSync, constants } from 'node:fs';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { POSTGRES_SSL_MODES, PostgresSslMode, postgresTls } from '../database/postgres-connection';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

export const asInt = () => Transform(toInt);

export const asBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );

/** The problem with a file-path variable that names no readable file; empty when it does. */
function unreadableFile(name: string, path: string | undefined): string[] {
  if (path === undefined) return [];
  try {
    accessSync(path, constants.R_OK);
    return [];
  } catch {
    return [`${name} is invalid: no readable file at that path`];
  }
}

/** `name` needs `other`: the problem when `name` is set and `other` is not. */
function needs(config: object, name: string, other: string): string[] {
  const values = config as Record<string, unknown>;
  return values[name] !== undefined && values[other] === undefined
    ? [`${other} is missing: required when ${name} is set`]
    : [];
}

export class DatabaseConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/intake';

  @asInt()
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * The services fail fast instead of hanging (migrations and scripts are not bounded): a
   * statement that runs longer, a lock waited for longer, a transaction left idle longer, or a
   * wait for a free pool connection longer than these is given up with an error.
   */
  @asInt()
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 10_000;

  @asInt()
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_LOCK_TIMEOUT_MS = 3_000;

  @asInt()
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  @asInt()
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS = 5_000;

  /**
   * TLS to Postgres, with libpq's meaning (`postgresConnection`); unset: DATABASE_URL's
   * `sslmode`, else `disable`.
   */
  @IsOptional()
  @IsIn(POSTGRES_SSL_MODES)
  DATABASE_SSL_MODE?: PostgresSslMode;

  /** PEM file of the CA that signed the server's certificate (or DATABASE_URL's `sslrootcert`). */
  @IsOptional()
  @IsString()
  DATABASE_SSL_CA_FILE?: string;

  crossChecks(): string[] {
    const { caFile, problems } = postgresTls(this);
    return [...problems, ...unreadableFile('DATABASE_SSL_CA_FILE', caFile)];
  }
}

/** HTTP listeners: slow or idle clients are cut off, and keep-alive outlives load balancers'. */
export class HttpServerConfig {
  /** The whole request, headers and body, must arrive within this. */
  @asInt()
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  @asInt()
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS = 20_000;

  /**
   * An idle kept-alive connection is closed after this; longer than common load balancers' idle
   * timeout (60 s), so the balancer never reuses a connection the server is closing.
   */
  @asInt()
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

  @asInt()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  HTTP_MAX_CONNECTIONS = 1_000;
}

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The brokers and the topic; TLS and SASL when the cluster asks for them. */
export class KafkaConfig {
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsString()
  KAFKA_CLIENT_ID = 'intake';

  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a valid Kafka topic name' })
  KAFKA_TOPIC = 'intake.lead-events.v1';

  /** Partitions and replication when Intake creates the topic (the relay, or a replay's target). */
  @asInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_TOPIC_PARTITIONS = 6;

  /** Unset: the cluster's own `default.replication.factor` (1 on the local broker, 3 on a cluster). */
  @IsOptional()
  @asInt()
  @IsInt()
  @Min(1)
  @Max(10)
  KAFKA_REPLICATION_FACTOR?: number;

  /** TLS to every broker (their `SSL` or `SASL_SSL` listener). */
  @asBoolean()
  @IsBoolean()
  KAFKA_SSL = false;

  /** PEM file of the CA that signed the brokers' certificates; unset: the system's CAs. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate and its unencrypted key, for brokers that require one (mTLS). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_FILE?: string;

  /** False only to try a broker whose certificate no CA signed: never in production. */
  @asBoolean()
  @IsBoolean()
  KAFKA_SSL_REJECT_UNAUTHORIZED = true;

  /** SASL authentication; unset: none. SCRAM keeps the password off the wire, TLS the rest. */
  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @IsOptional()
  @IsString()
  @MinLength(1)
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  KAFKA_SASL_PASSWORD?: string;

  crossChecks(): string[] {
    const files = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;
    const credentials = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
    return [
      // Set without KAFKA_SSL they would be ignored: TLS would look configured but be off.
      ...(this.KAFKA_SSL
        ? []
        : files
            .filter((name) => this[name] !== undefined)
            .map((name) => `${name} is set but KAFKA_SSL is not true`)),
      ...needs(this, 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'),
      ...needs(this, 'KAFKA_SSL_KEY_FILE', 'KAFKA_SSL_CERT_FILE'),
      ...files.flatMap((name) => unreadableFile(name, this[name])),
      ...credentials.flatMap((name) => needs(this, 'KAFKA_SASL_MECHANISM', name)),
      ...(this.KAFKA_SASL_MECHANISM
        ? []
        : credentials
            .filter((name) => this[name] !== undefined)
            .map((name) => `${name} is set but KAFKA_SASL_MECHANISM is not`)),
    ];
  }
}

export class LoggingConfig {
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

/**
 * The metrics listener (`/metrics`, and the worker's health): a port of its own, never the public
 * API's. Each app's subclass gives its default port, so all three can run on one machine. The
 * host defaults to loopback: only what runs on the machine can scrape until an operator opens it
 * (the Docker image listens on every interface, for a scraper in the same network).
 */
export class MetricsConfig {
  @IsString()
  @MinLength(1)
  METRICS_HOST = '127.0.0.1';

  /** 0: any free port (the tests). */
  @asInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT!: number;
}
