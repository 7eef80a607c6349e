import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Actor, cliAuditContext, StaffService } from '@intake/access';
import { DEFAULT_SUBMISSION_LIMITS, FormRepository } from '@intake/intake';
import { GetOnCallQuery, ReplaceOnCallCommand } from '@intake/notifications';
import { GetStaffScheduleQuery, UpdateStaffScheduleCommand, WeeklyHours } from '@intake/scheduling';
import { ApiModule } from '../apps/api/src/api.module';
import { loadApiConfig } from '../apps/api/src/api.config';
import { DEMO_FORM_KEY } from '../apps/api/src/demo/demo.page';
import { DEMO_ACCOUNTS } from '../apps/idp/src/demo-accounts';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ROUND_THE_CLOCK: WeeklyHours = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};

/**
 * Creates or refreshes the demo form that /demo posts to, and the demo staff the local identity
 * provider signs in (same emails and roles; the coordinators work round the clock, so a demo
 * lead finds an owner at any hour). `npm run seed:demo`; changes are audited as the CLI's.
 */
async function main(): Promise<void> {
  // Any free metrics port: the api this seeds may be running already, on METRICS_PORT.
  const config = loadApiConfig({ ...process.env, METRICS_PORT: '0' });
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), {
    logger: ['error'],
  });
  try {
    const port = config.http.PORT;
    await app.get(FormRepository).save({
      key: DEMO_FORM_KEY,
      name: 'Free consultation (demo)',
      allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
      thankYouUrl: '/demo/thanks',
      honeypotField: 'website',
      fieldAliases: { fname: 'firstName', lname: 'lastName', tel: 'phone', email_address: 'email' },
      requiredFields: [],
      minFillSeconds: 3,
      limits: DEFAULT_SUBMISSION_LIMITS,
      requireStartToken: false,
      captcha: null,
    });
    console.log(`demo form "${DEMO_FORM_KEY}" ready`);
    await seedStaff(app.get(StaffService), app.get(CommandBus), app.get(QueryBus));
    await seedOnCall(app.get(StaffService), app.get(CommandBus), app.get(QueryBus));
  } finally {
    await app.close();
  }
}

async function seedStaff(
  staff: StaffService,
  commands: CommandBus,
  queries: QueryBus,
): Promise<void> {
  const context = cliAuditContext('seed-demo', randomUUID());
  const everyone = await staff.list();
  for (const account of DEMO_ACCOUNTS) {
    const wanted = { name: account.name, email: account.email, role: account.role };
    const found = everyone.find((m) => m.email?.toLowerCase() === account.email);
    let member = found ?? (await staff.create(wanted, context));
    if (found && (found.name !== wanted.name || found.role !== wanted.role || !found.active)) {
      member = await staff.update(found.id, { ...wanted, active: true }, context);
    }
    if (account.alwaysWorking) {
      const own = new Actor(member.id, member.role, 'api_key');
      const current = await queries.execute(
        new GetStaffScheduleQuery({ staffId: member.id, actor: own }),
      );
      if (!isDeepStrictEqual(current.workingHours, ROUND_THE_CLOCK)) {
        await commands.execute(
          new UpdateStaffScheduleCommand({
            staffId: member.id,
            changes: { workingHours: ROUND_THE_CLOCK },
            context,
          }),
        );
      }
    }
  }
  console.log(`demo staff ready: ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(', ')}`);
}

/**
 * A crisis pages someone in the demo: Cora on call round the clock, then Cole, then Ada. Left as
 * it is once an admin has set a rotation of their own.
 */
async function seedOnCall(
  staff: StaffService,
  commands: CommandBus,
  queries: QueryBus,
): Promise<void> {
  const current = await queries.execute(new GetOnCallQuery());
  if (current.settings.shifts.length > 0 || current.settings.escalation.length > 0) return;
  const everyone = await staff.list();
  const id = (email: string) => everyone.find((m) => m.email?.toLowerCase() === email)!.id;
  await commands.execute(
    new ReplaceOnCallCommand({
      settings: {
        timeZone: 'America/New_York',
        ackTimeoutMinutes: 5,
        shifts: [
          {
            staffId: id('cora@clinic.example'),
            days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
            start: '00:00',
            end: '24:00',
          },
        ],
        escalation: [id('cole@clinic.example'), id('ada@clinic.example')],
      },
      context: cliAuditContext('seed-demo', randomUUID()),
    }),
  );
  console.log('demo on-call rotation ready: cora@clinic.example, then cole, then ada');
}

main().catch((error) => {
  console.error(`seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
