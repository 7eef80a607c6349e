import { INestApplicationContext } from '@nestjs/common';
import { StaffService } from '@intake/access';
import { runCli, UsageError } from './cli';

/** Help and bad usage must never open the app (the database and the broker). */
function appNeverOpened() {
  return jest.fn((): Promise<INestApplicationContext> => {
    throw new Error('the app was opened');
  });
}

async function helpFor(argv: string[]): Promise<string> {
  const open = appNeverOpened();
  const output = await runCli(open, argv);
  expect(open).not.toHaveBeenCalled();
  return output;
}

async function usageErrorFor(argv: string[]): Promise<UsageError> {
  const open = appNeverOpened();
  const error = await runCli(open, argv).then(
    () => null,
    (e: unknown) => e,
  );
  expect(open).not.toHaveBeenCalled();
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

/** An app whose staff service knows two members, for the commands that run. */
function appWithStaff(): INestApplicationContext {
  const staff = {
    list: async () => [
      { id: 'a1b2', role: 'admin', active: true, name: 'Dana Whitfield' },
      { id: 'c3d4', role: 'viewer', active: false, name: 'Old Integration' },
    ],
  };
  return {
    get: (token: unknown) => {
      if (token !== StaffService) throw new Error('only StaffService is provided');
      return staff;
    },
  } as unknown as INestApplicationContext;
}

describe('runCli', () => {
  describe('help', () => {
    it('lists every command for --help on the program', async () => {
      const help = await helpFor(['--help']);
      expect(help).toMatch(/^Usage: npm run cli -- <command> \[options\]/);
      for (const command of [
        'keys:create',
        'keys:list',
        'keys:revoke',
        'staff:list',
        'events:replay',
      ]) {
        expect(help).toContain(command);
      }
    });

    it("gives a command's usage, description and options for --help on it", async () => {
      const help = await helpFor(['events:replay', '--help']);
      expect(help).toMatch(
        /^Usage: npm run cli -- events:replay --from <time> \[--to <time>\] \[--lead <id>\] \[--topic <name>\]/,
      );
      expect(help).toContain('Republishes the published events kept in the outbox');
      for (const option of ['--from <time>', '--to <time>', '--lead <id>', '--topic <name>']) {
        expect(help).toContain(option);
      }
    });

    it('answers `help <command>` as `<command> --help`', async () => {
      const help = await helpFor(['help', 'keys:create']);
      expect(help).toContain('Adds a staff member');
      expect(help).toBe(await helpFor(['keys:create', '--help']));
    });

    it('wins over missing options, so the help is there when it is needed', async () => {
      expect(await helpFor(['keys:revoke', '--help'])).toContain('Revokes a key');
    });
  });

  describe('bad usage', () => {
    it('names an unknown option and gives the help of its command', async () => {
      const error = await usageErrorFor(['keys:list', '--bogus']);
      expect(error.message).toContain("unknown option '--bogus'");
      expect(error.usage).toMatch(/^Usage: npm run cli -- keys:list/);
    });

    it('names an unknown command and gives the program help', async () => {
      const error = await usageErrorFor(['keys:lst']);
      expect(error.message).toContain("unknown command 'keys:lst'");
      expect(error.usage).toMatch(/^Usage: npm run cli -- <command>/);
    });

    it('refuses no command at all', async () => {
      const error = await usageErrorFor([]);
      expect(error.message).toBe('no command given');
      expect(error.usage).toContain('events:replay');
    });

    it.each([
      // Required options, checked by the parser.
      [['events:replay'], "required option '--from <time>' not specified"],
      [['events:replay', '--to', '2026-03-02'], "required option '--from <time>' not specified"],
      [['keys:revoke'], "required option '--id <uuid>' not specified"],
      // The commands' own checks.
      [['keys:create', '--role', 'boss', '--name', 'x'], '--role must be one of'],
      [['keys:create', '--role', 'admin'], 'keys:create needs --name (or --staff-id)'],
      [['events:replay', '--from', '03/01/2026'], '--from must be a real ISO 8601 time'],
      [['events:replay', '--from', '2026-03-01T10:00:00'], '--from must be a real ISO 8601 time'],
      [['events:replay', '--from', '2026-02-30'], '--from must be a real ISO 8601 time'],
      [
        ['events:replay', '--from', '2026-03-03', '--to', '2026-03-02'],
        '--to must be later than --from',
      ],
      [['events:replay', '--from', '2026-03-01', '--lead', 'lead-a'], '--lead must be a lead id'],
      [
        ['events:replay', '--from', '2026-03-01', '--topic', 'no spaces'],
        '--topic must be a valid Kafka topic name',
      ],
    ])('refuses %j before opening the app', async (argv, message) => {
      const error = await usageErrorFor(argv);
      expect(error.message).toContain(message);
      expect(error.usage).toContain(`Usage: npm run cli -- ${argv[0]}`);
    });
  });

  describe('commands', () => {
    it('opens the app once and returns what the command prints', async () => {
      const app = appWithStaff();
      const open = jest.fn(() => Promise.resolve(app));
      const output = await runCli(open, ['staff:list']);
      expect(open).toHaveBeenCalledTimes(1);
      expect(output.split('\n')).toEqual([
        'a1b2  admin        active    Dana Whitfield',
        'c3d4  viewer       inactive  Old Integration',
      ]);
    });

    it('runs against an app it is given', async () => {
      expect(await runCli(appWithStaff(), ['staff:list'])).toContain('Dana Whitfield');
    });

    it('lets a failure that is not about usage through as it is', async () => {
      const down = new Error('database down');
      const error = await runCli(() => Promise.reject(down), ['staff:list']).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBe(down);
    });
  });

  it('writes nothing to the terminal itself: the caller prints', async () => {
    const out = jest.spyOn(process.stdout, 'write');
    const err = jest.spyOn(process.stderr, 'write');
    try {
      await helpFor(['--help']);
      await helpFor(['events:replay', '--help']);
      await usageErrorFor(['keys:list', '--bogus']);
      await usageErrorFor(['events:replay']);
      await runCli(appWithStaff(), ['staff:list']);
      expect(out).not.toHaveBeenCalled();
      expect(err).not.toHaveBeenCalled();
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
