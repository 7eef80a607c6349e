import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder, StaffDirectory } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { OnCallSettingsInvalidError } from '../../domain/crisis/crisis-errors';
import { OnCallSettings, onCallProblems } from '../../domain/crisis/on-call-rotation';
import { OnCallSettingsRepository } from '../../infrastructure/on-call-settings.repository';
import { OnCallView, onCallView } from '../get-on-call/on-call-view';
import { ReplaceOnCallCommand } from './replace-on-call.command';

@CommandHandler(ReplaceOnCallCommand)
export class ReplaceOnCallHandler implements ICommandHandler<ReplaceOnCallCommand> {
  constructor(
    private readonly settings: OnCallSettingsRepository,
    private readonly staff: StaffDirectory,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Every problem at once, and nothing saved when there is one. */
  async execute({ props: { settings, context } }: ReplaceOnCallCommand): Promise<OnCallView> {
    const problems = onCallProblems(settings);
    if (problems.length === 0) {
      // Only people who can take a lead can be paged about one.
      const named = [...settings.shifts.map((s) => s.staffId), ...settings.escalation];
      const assignable = await this.staff.assignableAmong(named);
      settings.shifts.forEach((shift, i) => {
        if (!assignable.has(shift.staffId))
          problems.push({
            field: `shifts[${i}].staffId`,
            message: 'must be an active admin or coordinator',
          });
      });
      settings.escalation.forEach((id, i) => {
        if (!assignable.has(id))
          problems.push({
            field: `escalation[${i}]`,
            message: 'must be an active admin or coordinator',
          });
      });
    }
    if (problems.length > 0) throw new OnCallSettingsInvalidError(problems);
    const clean: OnCallSettings = {
      timeZone: settings.timeZone,
      ackTimeoutMinutes: settings.ackTimeoutMinutes,
      shifts: settings.shifts.map((s) => ({
        staffId: s.staffId,
        days: [...s.days],
        start: s.start,
        end: s.end,
      })),
      escalation: [...settings.escalation],
    };
    await this.tx.run(async () => {
      const before = await this.settings.get({ lock: true });
      await this.settings.save(clean, context.actor.staffId, this.clock.now());
      await this.audit.record(context, {
        action: 'crisis_on_call.updated',
        targetId: null,
        before,
        after: clean,
      });
    });
    return onCallView(clean, this.clock.now());
  }
}
