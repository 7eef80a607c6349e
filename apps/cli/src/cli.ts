import { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { INestApplicationContext } from '@nestjs/common';
import {
  AdminAuditRecorder,
  ApiKeysService,
  AuditAction,
  AuditContext,
  cliAuditContext,
  isRole,
  NewStaff,
  ROLES,
  StaffService,
} from '@intake/access';
import { EventReplayer, ParkedEvent, ParkedEvents } from '@intake/events';
import { DataKeys, KeyProvider, TransactionRunner } from '@intake/platform';

/** Bad usage: what was wrong, and the help of the command it concerns. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage = '',
  ) {
    super(message);
  }
}

type OpenApp = () => Promise<INestApplicationContext>;

/**
 * Parses argv and runs the command it names; resolves to what to print (help included) and
 * rejects with a UsageError on bad usage. Given a factory, it opens the app only when a command
 * runs, so help and bad usage never reach the database or the broker.
 */
export async function runCli(
  app: INestApplicationContext | OpenApp,
  argv: string[],
): Promise<string> {
  const open = typeof app === 'function' ? app : () => Promise.resolve(app);
  const printed = { out: '', err: '' };
  const program = new Command('npm run cli --')
    .usage('<command> [options]')
    .exitOverride()
    .showHelpAfterError()
    // Set before the commands are added, which inherit it: runCli writes nothing itself.
    .configureOutput({
      writeOut: (text) => (printed.out += text),
      writeErr: (text) => (printed.err += text),
      outputError: () => {}, // the message travels in the UsageError
    });
  addCommands(program, open, (text) => (printed.out = text));
  if (argv.length === 0) {
    throw new UsageError('no command given', program.helpInformation().trimEnd());
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help ends the parse with exit code 0; every other stop is bad usage.
    if (error.exitCode !== 0) throw new UsageError(error.message, printed.err.trim());
  }
  return printed.out.trimEnd();
}

/** Commands that change something are audited with actor `cli` and this operator. */
interface AuditedOptions {
  actor?: string;
}

interface KeysCreateOptions extends AuditedOptions {
  role?: string;
  name?: string;
  email?: string;
  keyName?: string;
  staffId?: string;
}

interface ReplayOptions {
  from: string;
  to?: string;
  lead?: string;
  topic?: string;
}

const ACTOR_OPTION = [
  '--actor <name>',
  'who is running this, for the admin audit (default: the OS user name)',
] as const;

/**
 * The admin audit's context for one run: actor `cli` with the operator's name, and one id for
 * every change the run makes (keys:create adds a staff member and a key).
 */
function cliContext(options: AuditedOptions): AuditContext {
  const operator = options.actor?.trim() || osUserName();
  if (operator.length > 200) throw new UsageError('--actor must be at most 200 characters');
  return cliAuditContext(operator, randomUUID());
}

function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown'; // a container user with no passwd entry
  }
}

function addCommands(program: Command, open: OpenApp, print: (text: string) => void): void {
  // A UsageError from a command goes through commander too, so it comes with that command's help.
  const run =
    <O>(command: (options: O) => Promise<string>) =>
    async (options: O, self: Command) => {
      try {
        print(await command(options));
      } catch (error) {
        if (error instanceof UsageError) self.error(error.message);
        throw error;
      }
    };

  program
    .command('keys:create')
    .description(
      'Adds a staff member (or a named integration, role service) and prints a new API key once. ' +
        'With --staff-id, a new key for an existing staff member.',
    )
    .usage(
      '(--role <role> --name <name> [--email <email>] | --staff-id <uuid>) [--key-name <label>] [--actor <name>]',
    )
    .option('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'the staff member or integration')
    .option('--email <email>', "the staff member's email")
    .option('--key-name <label>', 'a label for the key')
    .option('--staff-id <uuid>', 'an existing staff member, instead of --role, --name and --email')
    .option(...ACTOR_OPTION)
    .action(
      run(async (options: KeysCreateOptions) => {
        // Checked before the app opens, so bad usage reaches no database.
        const member = options.staffId ? null : newStaff(options);
        const context = cliContext(options);
        const app = await open();
        const staffId = member
          ? (await app.get(StaffService).create(member, context)).id
          : options.staffId!;
        const label = options.keyName ?? (member ? `${member.name} (cli)` : 'cli');
        const created = await app.get(ApiKeysService).create(staffId, label, context);
        return [
          `staff:  ${created.record.staffId}`,
          `key id: ${created.record.id}`,
          `prefix: ${created.record.prefix}`,
          '',
          created.plaintext,
          '',
          'This is the only time the key is shown. Send it as: Authorization: Bearer <key>',
        ].join('\n');
      }),
    );

  program
    .command('keys:list')
    .description('Keys by prefix, owner, last use and revocation (never the keys themselves).')
    .usage('[--staff-id <uuid>]')
    .option('--staff-id <uuid>', "only this staff member's keys")
    .action(
      run(async (options: { staffId?: string }) => {
        const keys = await (await open()).get(ApiKeysService).list(options.staffId);
        return keys
          .map(
            (k) =>
              `${k.id}  ik_${k.prefix}_…  staff ${k.staffId}  "${k.name}"  last used ${k.lastUsedAt?.toISOString() ?? 'never'}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}`,
          )
          .join('\n');
      }),
    );

  program
    .command('keys:revoke')
    .description('Revokes a key; it stops working at once.')
    .usage('--id <uuid> [--actor <name>]')
    .requiredOption('--id <uuid>', 'the key id')
    .option(...ACTOR_OPTION)
    .action(
      run(async (options: { id: string } & AuditedOptions) => {
        const context = cliContext(options);
        const key = await (await open()).get(ApiKeysService).revoke(options.id, context);
        return `revoked ${key.id} (ik_${key.prefix}_…) at ${key.revokedAt!.toISOString()}`;
      }),
    );

  program
    .command('staff:list')
    .description('Staff members by id, role, whether active, and name.')
    .action(
      run(async () => {
        const staff = await (await open()).get(StaffService).list();
        return staff
          .map(
            (m) =>
              `${m.id}  ${m.role.padEnd(11)}  ${m.active ? 'active  ' : 'inactive'}  ${m.name}`,
          )
          .join('\n');
      }),
    );

  program
    .command('privacy:rewrap')
    .summary('Re-wraps every data key under the active key-encryption key.')
    .description(
      'Key rotation: re-wraps, in batches, every data key not wrapped under ' +
        'PRIVACY_ACTIVE_KEY_ID, then prints how many it moved and how many keys each key id ' +
        'wraps. The data itself is not re-encrypted. Run it after adding a new key to ' +
        'PRIVACY_KEYS and making it active; an old key can leave PRIVACY_KEYS once it wraps none.',
    )
    .option('--batch <n>', 'data keys per transaction (default 500)', '500')
    .action(
      run(async (options: { batch: string }) => {
        const batch = Number(options.batch);
        if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
          throw new UsageError('--batch must be a whole number from 1 to 10000');
        }
        const app = await open();
        const keys = app.get(DataKeys);
        let moved = 0;
        for (let n = await keys.rewrapBatch(batch); n > 0; n = await keys.rewrapBatch(batch)) {
          moved += n;
        }
        const counts = await keys.countByKeyId();
        return [
          `rewrapped ${moved} data keys under ${app.get(KeyProvider).activeKeyId}`,
          ...counts.map((c) => `${c.keyId}: ${c.n} data keys`),
        ].join('\n');
      }),
    );

  program
    .command('events:replay')
    .summary('Republishes kept events from the outbox with their original ids and sequences.')
    .description(
      'Republishes the published events kept in the outbox (OUTBOX_RETENTION_HOURS) that ' +
        'happened from --from (inclusive) to --to (exclusive), oldest first, with their original ' +
        'ids, sequences, headers and payloads; consumers dedupe on the event id. Times are ISO 8601 ' +
        "with a zone (2026-11-01T00:00:00Z) or a UTC date (2026-11-01). --lead keeps one lead's " +
        'events; --topic sends them elsewhere than KAFKA_TOPIC (created if missing).',
    )
    .usage('--from <time> [--to <time>] [--lead <id>] [--topic <name>]')
    .requiredOption('--from <time>', 'the first moment replayed (inclusive)')
    .option('--to <time>', 'the end of the window (exclusive)')
    .option('--lead <id>', "one lead's events only")
    .option('--topic <name>', 'the topic to send them to, instead of KAFKA_TOPIC')
    .action(
      run(async (options: ReplayOptions) => {
        const from = parseTime('--from', options.from)!;
        const to = parseTime('--to', options.to);
        if (to && to <= from) throw new UsageError('--to must be later than --from');
        if (options.lead !== undefined && !UUID.test(options.lead)) {
          throw new UsageError('--lead must be a lead id (a UUID)');
        }
        if (options.topic !== undefined && !TOPIC.test(options.topic)) {
          throw new UsageError('--topic must be a valid Kafka topic name');
        }
        const outcome = await (await open()).get(EventReplayer).replay({
          from,
          to,
          leadId: options.lead?.toLowerCase() ?? null,
          topic: options.topic ?? null,
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
      }),
    );

  program
    .command('outbox:parked')
    .description(
      'Records the relay parked after the broker refused them RELAY_MAX_ATTEMPTS times: id, type, ' +
        "key, sequence, attempts, reason and when. The lead's later events went on without them.",
    )
    .action(
      run(async () => {
        const parked = await (await open()).get(ParkedEvents).list();
        return parked.length === 0 ? 'no parked records' : parked.map(parkedLine).join('\n');
      }),
    );

  const parkedActions: Array<{
    name: string;
    done: string;
    audit: AuditAction;
    act: (parked: ParkedEvents, id: string) => Promise<ParkedEvent | null>;
    /** The record as the audit shows it afterwards (null: gone). */
    after: (record: object) => object | null;
    description: string;
  }> = [
    {
      name: 'outbox:redrive',
      done: 're-driven',
      audit: 'parked_event.redriven',
      act: (parked, id) => parked.redrive(id),
      after: (record) => ({ ...record, attempts: 0, reason: null, parkedAt: null }),
      description:
        'Gives a parked record back to the relay with a fresh count. It keeps its id and sequence ' +
        "and goes out after the lead's later events; consumers dedupe on the id.",
    },
    {
      name: 'outbox:discard',
      done: 'discarded',
      audit: 'parked_event.discarded',
      act: (parked, id) => parked.discard(id),
      after: () => null,
      description:
        "Deletes a parked record for good; consumers keep the gap in the lead's sequence.",
    },
  ];
  for (const action of parkedActions) {
    program
      .command(action.name)
      .description(action.description)
      .usage('--id <uuid> [--actor <name>]')
      .requiredOption('--id <uuid>', "the parked record's event id")
      .option(...ACTOR_OPTION)
      .action(
        run(async (options: { id: string } & AuditedOptions) => {
          const id = eventId(options.id);
          const context = cliContext(options);
          const app = await open();
          // The change and its audit row commit together, or neither does.
          const record = await app.get(TransactionRunner).run(async () => {
            const changed = await action.act(app.get(ParkedEvents), id);
            if (changed) {
              const before = auditedParked(changed);
              await app.get(AdminAuditRecorder).record(context, {
                action: action.audit,
                targetId: changed.id,
                before,
                after: action.after(before),
              });
            }
            return changed;
          });
          if (!record) throw new UsageError(`no parked record ${id}`);
          return `${action.done}: ${parkedLine(record)}`;
        }),
      );
  }
}

function eventId(id: string): string {
  if (!UUID.test(id)) throw new UsageError('--id must be an event id (a UUID)');
  return id.toLowerCase();
}

/** A parked record in the audit: no broker error text, which is not the operator's change. */
function auditedParked(p: ParkedEvent): object {
  const { lastError: _lastError, ...rest } = p;
  return { ...rest, parkedAt: new Date(p.parkedAt).toISOString() };
}

function parkedLine(p: ParkedEvent): string {
  return `${p.id}  ${p.type}  key ${p.partitionKey}  sequence ${p.sequence ?? '-'}  attempts ${p.attempts}  ${p.reason}  parked ${new Date(p.parkedAt).toISOString()}`;
}

function newStaff(options: KeysCreateOptions): NewStaff {
  const name = options.name?.trim();
  if (!name) throw new UsageError('keys:create needs --name (or --staff-id)');
  if (!isRole(options.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return { name, email: options.email ?? null, role: options.role };
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
