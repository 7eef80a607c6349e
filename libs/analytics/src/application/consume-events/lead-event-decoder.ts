import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_SCHEMAS, EventType } from '@intake/events';

/** A Kafka record as the consumer hands it over: headers already decoded to text. */
export interface RawRecord {
  key: string | null;
  value: Buffer | null;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface LeadEventRecord {
  kind: 'event';
  eventId: string;
  type: EventType;
  /** The record's key (the lead; the submission for a rejected one): what `sequence` counts. */
  key: string;
  /** The envelope's per-key sequence, or `ce_sequence`; null from a producer without either. */
  sequence: number | null;
  data: Readonly<Record<string, unknown>>;
}

export type DecodedRecord =
  | LeadEventRecord
  /** A well-formed event of a type this consumer does not know (yet): skipped, not dead-lettered. */
  | { kind: 'unknown_type'; eventId: string; type: string; key: string; sequence: number | null }
  /** Cannot be processed as it is; `error` is short and never quotes the payload. */
  | { kind: 'poison'; error: string };

const REQUIRED_HEADERS = ['ce_specversion', 'ce_id', 'ce_type', 'ce_source'] as const;
// `intake.lead.submitted.v1`: dotted lower-case words ending in a major version.
const WELL_FORMED_TYPE = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+\.v[0-9]+$/;
const MAX_ERROR = 300;

/**
 * Turns a Kafka record into an event this consumer can project, or says why it cannot: the
 * CloudEvents headers (binary mode), a JSON value, and the type's published JSON Schema.
 */
export class LeadEventDecoder {
  private readonly validators: ReadonlyMap<string, ValidateFunction>;

  constructor() {
    // strict: false, as the schemas carry `x-ce-type` and other annotations. A later minor
    // version may add optional properties at any depth (docs/events, Compatibility), and every
    // object in a schema says `additionalProperties: false`: so the properties a schema does not
    // name are removed before validating, not rejected. This mutates what it validates: only a
    // copy parsed for the purpose, never the record's bytes (what goes to the dead-letter topic).
    const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: 'all' });
    addFormats(ajv);
    this.validators = new Map(
      Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
    );
  }

  decode(record: RawRecord): DecodedRecord {
    const h = record.headers;
    const missing = REQUIRED_HEADERS.filter((name) => !h[name]);
    if (missing.length > 0) return poison(`missing CloudEvents header ${missing.join(', ')}`);
    if (h.ce_specversion !== '1.0') return poison('unsupported ce_specversion');
    const type = h.ce_type!;
    if (!WELL_FORMED_TYPE.test(type)) return poison('malformed ce_type');
    const eventId = h.ce_id!;
    if (!record.value || record.value.length === 0) return poison('value is empty');
    let data: unknown;
    try {
      data = JSON.parse(record.value.toString('utf8'));
    } catch {
      // Not the parser's message: it quotes the start of the value.
      return poison('value is not JSON');
    }
    const key = record.key ?? h.ce_subject ?? eventId;
    // An unknown type still takes its place in its key's sequence.
    const sequence = sequenceOf(data, h);
    const validate = this.validators.get(type);
    if (!validate) return { kind: 'unknown_type', eventId, type, key, sequence };
    const version = versionOf(data);
    if (version && `v${version.major}` !== type.slice(type.lastIndexOf('.') + 1)) {
      return poison(`schemaVersion ${version.text} is not a version of ${type}`);
    }
    // `data` is this decode's own parse of the value, so stripping it in place is safe.
    if (!validate(data)) return poison(`schema: ${describe(validate.errors ?? [])}`);
    const payload = data as Record<string, unknown>;
    if (payload.eventId !== undefined && payload.eventId !== eventId) {
      return poison('eventId does not match ce_id');
    }
    return {
      kind: 'event',
      eventId,
      type: type as EventType,
      key,
      sequence,
      data: payload,
    };
  }
}

function poison(error: string): DecodedRecord {
  return { kind: 'poison', error: error.slice(0, MAX_ERROR) };
}

/**
 * Ajv's messages name the path and the rule broken ("/state must match pattern …"), never the
 * value; paths only go through properties the schema names.
 */
function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

function sequenceOf(
  data: unknown,
  headers: Readonly<Record<string, string | undefined>>,
): number | null {
  const own = (data as { sequence?: unknown } | null)?.sequence;
  if (Number.isSafeInteger(own)) return own as number;
  const header = headers.ce_sequence;
  return header && /^\d{1,15}$/.test(header) ? Number(header) : null;
}

/** The payload's `schemaVersion` when it is a well-formed `major.minor`. */
function versionOf(data: unknown): { major: string; text: string } | null {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  const match = typeof version === 'string' ? /^([0-9]{1,6})\.[0-9]{1,6}$/.exec(version) : null;
  return match ? { major: match[1]!, text: match[0] } : null;
}
