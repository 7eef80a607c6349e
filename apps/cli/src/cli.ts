import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { INestApplicationContext } from '@nestjs/common';
import { ApiKeysService, isRole, ROLES, StaffService } from '@intake/access';
import { EventReplayer } from '@intake/events';

export const USAGE = `Usage: npm run cli -- <command> [options]

  keys:create --role <${ROLES.join('|')}> --name "<staff or integration name>" [--email <email>] [--key-name <label>]
      Adds a staff member (or a named integration, role service) and prints a new API key once.
  keys:create --staff-id <uuid> [--key-name <label>]
      A new key for an existing staff member.
  keys:list [--staff-id <uuid>]
      Keys by prefix, owner, last use and revocation (never the keys themselves).
  keys:revoke --id <uuid>
      Revokes a key; it stops working at once.
  staff:list
  events:replay --from <time> [--to <time>] [--lead <id>] [--topic <name>]
      Republishes the published events kept in the outbox (OUTBOX_RETENTION_HOURS) that
      happened from --from (inclusive) to --to (exclusive), oldest first, with their original
      ids, sequences, headers and payloads; consumers dedupe on the event id. Times are ISO 8601
      with a zone (2026-11-01T00:00:00Z) or a UTC date (2026-11-01). --lead keeps one lead's
      events; --topic sends them elsewhere than KAFKA_TOPIC (created if missing).
`;

export class UsageError extends Error {}

/** Runs one command; returns what to print. */
export async function runCli(app: INestApplicationContext, argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help') return USAGE;
  const { values } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      'key-name': { type: 'string' },
      'staff-id': { type: 'string' },
      id: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      lead: { type: 'string' },
      topic: { type: 'string' },
    },
    strict: true,
  });
  const staff = app.get(StaffService);
  const keys = app.get(ApiKeysService);
  switch (command) {
    case 'keys:create': {
      let staffId = values['staff-id'];
      let label = values['key-name'];
      if (!staffId) {
        const name = values.name?.trim();
        if (!name) throw new UsageError('keys:create needs --name (or --staff-id)');
        if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        const member = await staff.create({ name, email: values.email ?? null, role: values.role });
        staffId = member.id;
        label ??= `${name} (cli)`;
      }
      const created = await keys.create(staffId, label ?? 'cli');
      return [
        `staff:  ${created.record.staffId}`,
        `key id: ${created.record.id}`,
        `prefix: ${created.record.prefix}`,
        '',
        created.plaintext,
        '',
        'This is the only time the key is shown. Send it as: Authorization: Bearer <key>',
      ].join('\n');
    }
    case 'keys:list':
      return (await keys.list(values['staff-id']))
        .map(
          (k) =>
            `${k.id}  ik_${k.prefix}_…  staff ${k.staffId}  "${k.name}"  last used ${k.lastUsedAt?.toISOString() ?? 'never'}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}`,
        )
        .join('\n');
    case 'keys:revoke': {
      if (!values.id) throw new UsageError('keys:revoke needs --id');
      const key = await keys.revoke(values.id);
      return `revoked ${key.id} (ik_${key.prefix}_…) at ${key.revokedAt!.toISOString()}`;
    }
    case 'staff:list':
      return (await staff.list())
        .map(
          (m) => `${m.id}  ${m.role.padEnd(11)}  ${m.active ? 'active  ' : 'inactive'}  ${m.name}`,
        )
        .join('\n');
    case 'events:replay': {
      const from = parseTime('--from', values.from);
      if (!from) throw new UsageError('events:replay needs --from');
      const to = parseTime('--to', values.to);
      if (to && to <= from) throw new UsageError('--to must be later than --from');
      if (values.lead !== undefined && !UUID.test(values.lead)) {
        throw new UsageError('--lead must be a lead id (a UUID)');
      }
      if (values.topic !== undefined && !TOPIC.test(values.topic)) {
        throw new UsageError('--topic must be a valid Kafka topic name');
      }
      const outcome = await app.get(EventReplayer).replay({
        from,
        to,
        leadId: values.lead?.toLowerCase() ?? null,
        topic: values.topic ?? null,
      });
      const complete = outcome.completeFrom;
      return [
        `replayed ${outcome.published} events of ${outcome.keys} keys onto ${outcome.topic}`,
        complete === null
          ? 'nothing has been pruned: every published event is kept'
          : complete > from
            ? `WARNING: events that happened before ${complete.toISOString()} are past retention and may be missing from this replay`
            : `every published event since ${complete.toISOString()} is kept`,
      ].join('\n');
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
// A UTC date, or a date and time with seconds optional, fraction optional and a zone required.
const ISO_TIME = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/;

/** A real calendar time (no 30 February, no 24:00), read in its own zone or as UTC. */
function parseTime(flag: string, text: string | undefined): Date | null {
  if (text === undefined) return null;
  const time = ISO_TIME.test(text) ? DateTime.fromISO(text, { zone: 'utc' }) : null;
  if (!time?.isValid) {
    throw new UsageError(
      `${flag} must be a real ISO 8601 time with a zone, e.g. 2026-11-01T09:00:00Z or 2026-11-01`,
    );
  }
  return time.toJSDate();
}
