import { Query } from '@nestjs/cqrs';
import type { Actor } from '@intake/access';
import type { AwayPeriod } from '../../domain/staff-schedule';

export interface ListAwayPeriodsProps {
  readonly staffId: string;
  readonly actor: Actor;
}

/** A person's absences, for admins or the person. */
export class ListAwayPeriodsQuery extends Query<AwayPeriod[]> {
  constructor(readonly props: ListAwayPeriodsProps) {
    super();
  }
}
