import { Injectable } from '@nestjs/common';
import { AdminAuditRecorder, AuditContext, StaffDirectory } from '@intake/access';
import { Clock, TransactionRunner } from '@intake/platform';
import { OnCallSettingsInvalidError } from '../../domain/crisis/crisis-errors';
import {
  coverageGaps,
  CoverageGap,
  onCallAt,
  OnCallSettings,
  onCallProblems,
} from '../../domain/crisis/on-call-rotation';
import { OnCallSettingsRepository } from '../../infrastructure/on-call-settings.repository';

export interface OnCallView {
  settings: OnCallSettings;
  /** Who a crisis would page first now; null: the escalation list (or the admins). */
  onCallNow: string | null;
  /** Times of the week nobody is on call. */
  gaps: CoverageGap[];
}

@Injectable()
export class OnCallSettingsService {
  constructor(
    private readonly settings: OnCallSettingsRepository,
    private readonly staff: StaffDirectory,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<OnCallView> {
    return this.view(await this.settings.get());
  }

  /** Replaces the rotation; every problem at once, and nothing saved when there is one. */
  async save(settings: OnCallSettings, context: AuditContext): Promise<OnCallView> {
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
    return this.view(clean);
  }

  private view(settings: OnCallSettings): OnCallView {
    return {
      settings,
      onCallNow: onCallAt(settings, this.clock.now()),
      gaps: coverageGaps(settings),
    };
  }
}
