import { Command } from '@nestjs/cqrs';
import type { AlertKind } from '../../domain/alert';
import type { AlertSettings, DigestMode, QuietHours } from '../../domain/alert-settings';

export interface AlertSettingsInput {
  emailEnabled: boolean;
  chatWebhookUrl: string | null;
  kinds: AlertKind[];
  quietHours: QuietHours | null;
  timeZone: string;
  digest: DigestMode;
}

export interface ReplaceAlertSettingsProps {
  /** Whose settings: a person replaces only their own. */
  readonly staffId: string;
  readonly settings: AlertSettingsInput;
}

export class ReplaceAlertSettingsCommand extends Command<AlertSettings> {
  constructor(readonly props: ReplaceAlertSettingsProps) {
    super();
  }
}
