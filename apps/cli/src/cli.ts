import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { ApiKeysService, isRole, ROLES, StaffService } from '@intake/access';

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
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}
