import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { LoggingConfig } from '../config/common.config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Personal data must never reach a log line. Bodies are not logged at all and database errors
 * go through loggableError; these paths are a second fence for anything that puts a lead or a
 * form into a log object by mistake. Not `message`: that would hide every error's message too.
 */
const PERSONAL_KEYS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'note',
  'notes',
  'fields',
  'unknownFields',
  'body',
];

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  // pino's wildcards match one level: cover the top level and the two below it.
  ...PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  // Database errors: bound parameters and Postgres's detail ("Key (email)=(…)") carry values.
  '*.parameters',
  '*.detail',
  '*.where',
  '*.driverError',
];

/**
 * A client's own X-Request-Id, when well formed. It is logged beside the server's id as
 * `clientRequestId`, never used as the request's id: the id in history, the access log and error
 * bodies is the server's, so no client can choose or repeat one.
 */
export function clientRequestIdOf(req: IncomingMessage): string | null {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : null;
}

@Module({})
export class LoggingModule {
  /** `destination` defaults to stdout; tests pass a stream to read what was logged. */
  static forRoot(
    config: LoggingConfig,
    service: string,
    destination?: DestinationStream,
  ): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: destination
            ? [httpLogOptions(config, service), destination]
            : httpLogOptions(config, service),
        }),
      ],
    };
  }
}

function httpLogOptions(config: LoggingConfig, service: string): Options {
  return {
    level: config.LOG_LEVEL,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      // Path only: query strings can carry personal data.
      req: (req: { id: string; method: string; url: string; raw: IncomingMessage }) => ({
        id: req.id,
        ...(clientRequestIdOf(req.raw) ? { clientRequestId: clientRequestIdOf(req.raw) } : {}),
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  };
}
