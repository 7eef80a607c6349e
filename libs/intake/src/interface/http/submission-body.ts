import busboy from 'busboy';
import type { Request } from 'express';
import getRawBody from 'raw-body';
import { DomainError } from '@intake/kernel';
import { isStorableText } from '@intake/platform';
import { FieldValue, RawFields } from '../../domain/consultation-request';

const MAX_SUBMISSION_BYTES = 64 * 1024;
const MAX_FIELDS = 200;

type BodyKind = 'json' | 'urlencoded' | 'multipart';

class BodyError extends DomainError {}

const tooLarge = () =>
  new BodyError(
    'payload_too_large',
    'REQUEST.TOO_LARGE',
    `The body is larger than ${MAX_SUBMISSION_BYTES} bytes.`,
  );
const unsupported = (type: string) =>
  new BodyError(
    'unsupported_media_type',
    'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    `Content type "${type}" is not accepted; send application/json, application/x-www-form-urlencoded or multipart/form-data.`,
  );
const malformed = (message: string) => new BodyError('validation', 'REQUEST.MALFORMED', message);

/** Reads a form post in any of the three accepted encodings, within the size limit. */
export async function readSubmissionBody(req: Request): Promise<RawFields> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]!.trim();
  const kind = kindOf(mediaType);
  if (!kind) throw unsupported(mediaType || 'none');
  const charset = /;\s*charset="?([^";\s]+)/.exec(contentType)?.[1];
  if (charset && !/^utf-?8$/.test(charset))
    throw unsupported(`${mediaType} in ${charset}; send UTF-8`);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw unsupported(`${mediaType} with content-encoding ${encoding}`);

  const raw = await readRaw(req);
  const fields =
    kind === 'json'
      ? parseJson(raw)
      : kind === 'urlencoded'
        ? parseUrlEncoded(raw)
        : await parseMultipart(raw, req.headers);
  assertStorable(fields);
  return fields;
}

/**
 * Form fields are flat: a value is a scalar or a list of scalars. Text must be well-formed
 * Unicode without NUL, which PostgreSQL cannot store; anything else is a malformed request.
 */
function assertStorable(fields: RawFields): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!isStorableText(name)) throw malformed('A field name is not valid text.');
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'object' && v !== null) {
        throw new BodyError(
          'validation',
          'REQUEST.MALFORMED',
          'Form fields cannot be nested objects.',
          [{ field: name, message: 'must be a single value or a list of values' }],
        );
      }
      if (typeof v === 'string' && !isStorableText(v)) {
        throw new BodyError('validation', 'REQUEST.MALFORMED', 'A field is not valid text.', [
          { field: name, message: 'contains characters that are not valid text' },
        ]);
      }
    }
  }
}

function kindOf(mediaType: string): BodyKind | null {
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (mediaType === 'multipart/form-data') return 'multipart';
  return null;
}

async function readRaw(req: Request): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_SUBMISSION_BYTES) {
    // Answer without reading it; the error filter closes the connection after the response.
    throw tooLarge();
  }
  try {
    return await getRawBody(req, { limit: MAX_SUBMISSION_BYTES });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge();
    throw malformed('The request body could not be read.');
  }
}

function parseJson(raw: Buffer): RawFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw malformed('The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed('The body must be a JSON object of form fields.');
  }
  return parsed as RawFields;
}

function parseUrlEncoded(raw: Buffer): RawFields {
  const fields = emptyFields();
  let count = 0;
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
    if (++count > MAX_FIELDS) throw malformed(`A form may have at most ${MAX_FIELDS} fields.`);
    addField(fields, name, value);
  }
  return fields;
}

function parseMultipart(raw: Buffer, headers: Request['headers']): Promise<RawFields> {
  return new Promise((resolve, reject) => {
    const fields = emptyFields();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { fields: MAX_FIELDS, fieldSize: MAX_SUBMISSION_BYTES } });
    } catch {
      reject(malformed('The multipart body has no boundary.'));
      return;
    }
    let failure: Error | null = null;
    parser.on('field', (name, value) => addField(fields, name, value));
    parser.on('file', (name, stream) => {
      stream.resume();
      failure ??= new BodyError(
        'validation',
        'SUBMISSION.FILES_NOT_ACCEPTED',
        'Files are not accepted.',
        [{ field: name, message: 'files are not accepted' }],
      );
    });
    parser.on(
      'fieldsLimit',
      () => (failure ??= malformed(`A form may have at most ${MAX_FIELDS} fields.`)),
    );
    parser.on('error', () => reject(malformed('The multipart body is malformed.')));
    parser.on('close', () => (failure ? reject(failure) : resolve(fields)));
    parser.end(raw);
  });
}

function addField(fields: RawFields, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value] as FieldValue[];
}

// No prototype: a field named `__proto__` is just a field.
function emptyFields(): RawFields {
  return Object.create(null) as RawFields;
}
