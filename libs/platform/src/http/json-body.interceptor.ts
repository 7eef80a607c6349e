import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import getRawBody from 'raw-body';
import { Observable } from 'rxjs';
import { DomainError } from '@intake/kernel';
import { findUnstorableText } from './storable-text';

const MAX_JSON_BYTES = 64 * 1024;
const MAX_DEPTH = 16;

class BodyError extends DomainError {}

/**
 * Reads JSON bodies for the staff API's controllers (`@UseInterceptors(JsonBodyInterceptor)`;
 * per controller, so the public intake endpoint, which reads its own three encodings, does not
 * pay for an interceptor pipeline on every submission), after the guard (so an unauthenticated caller's body is never
 * read) and before validation. The app runs without Express's body parser, so every failure
 * here is the one error shape: 415 for another media type, 413 past 64 KiB, 400 for bad JSON
 * or for text PostgreSQL cannot store (NUL, lone surrogates) in the body or the query string.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (findUnstorableText(req.query) !== null) throw unstorable('query string');
    if (['POST', 'PUT', 'PATCH'].includes(req.method)) {
      req.body = await readJson(req);
      if (findUnstorableText(req.body) !== null) throw unstorable('body');
    }
    return next.handle();
  }
}

async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && declared === 0) return {};
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]!.trim();
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new BodyError(
      'unsupported_media_type',
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      `Send application/json, not ${mediaType || 'a body without a Content-Type'}.`,
    );
  }
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  let raw: string;
  try {
    raw = await getRawBody(req, { limit: MAX_JSON_BYTES, encoding: 'utf8' });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge();
    throw new BodyError('validation', 'REQUEST.MALFORMED', 'The request body could not be read.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BodyError('validation', 'REQUEST.MALFORMED', 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BodyError('validation', 'REQUEST.MALFORMED', 'The body must be a JSON object.');
  }
  if (nestedDeeperThan(parsed, MAX_DEPTH)) {
    // Validation walks the value recursively; a hostile depth would overflow the stack.
    throw new BodyError(
      'validation',
      'REQUEST.MALFORMED',
      `The body nests deeper than ${MAX_DEPTH} levels.`,
    );
  }
  return parsed;
}

/** Iterative, so the check itself cannot overflow. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function unstorable(where: string): DomainError {
  return new BodyError(
    'validation',
    'REQUEST.MALFORMED',
    `The ${where} holds text that is not valid (a NUL character or broken Unicode).`,
  );
}

function tooLarge(): DomainError {
  return new BodyError(
    'payload_too_large',
    'REQUEST.TOO_LARGE',
    `The body is larger than ${MAX_JSON_BYTES / 1024} KiB.`,
  );
}
