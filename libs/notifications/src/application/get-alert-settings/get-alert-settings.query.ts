import { Query } from '@nestjs/cqrs';
import type { AlertSettings } from '../../domain/alert-settings';

export interface GetAlertSettingsProps {
  readonly staffId: string;
}

/** A person's own alert settings, the defaults until they save their own. */
export class GetAlertSettingsQuery extends Query<AlertSettings> {
  constructor(readonly props: GetAlertSettingsProps) {
    super();
  }
}
