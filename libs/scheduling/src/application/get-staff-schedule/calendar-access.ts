import { Actor, ForbiddenError } from '@intake/access';

/** Admins manage anyone's calendar; a person reads theirs and sets their own absences. */
export function requireOwnCalendarOrManager(staffId: string, actor: Actor): void {
  if (actor.staffId !== staffId && !actor.can('scheduling:manage')) {
    throw new ForbiddenError('Only admins see and change other people’s calendars.');
  }
}
