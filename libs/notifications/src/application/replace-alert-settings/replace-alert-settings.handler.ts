import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { FieldError } from '@intake/kernel';
import { Clock } from '@intake/platform';
import { ALERT_KINDS } from '../../domain/alert';
import { AlertSettings, CLOCK_TIME, isTimeZone } from '../../domain/alert-settings';
import { InvalidAlertSettingsError } from '../../domain/notifications-errors';
import { AlertSettingsRepository } from '../../infrastructure/alert-settings.repository';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';
import { AlertSettingsInput, ReplaceAlertSettingsCommand } from './replace-alert-settings.command';

/** Every problem at once, and nothing saved when there is one. */
@CommandHandler(ReplaceAlertSettingsCommand)
export class ReplaceAlertSettingsHandler implements ICommandHandler<ReplaceAlertSettingsCommand> {
  constructor(
    private readonly settings: AlertSettingsRepository,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
  ) {}

  async execute({
    props: { staffId, settings: input },
  }: ReplaceAlertSettingsCommand): Promise<AlertSettings> {
    const errors = this.check(input);
    if (errors.length > 0) throw new InvalidAlertSettingsError(errors);
    const saved = {
      staffId,
      ...input,
      kinds: ALERT_KINDS.filter((kind) => input.kinds.includes(kind)),
      updatedAt: this.clock.now(),
    };
    await this.settings.save(saved);
    return saved;
  }

  private check(input: AlertSettingsInput): FieldError[] {
    const errors: FieldError[] = [];
    if (!isTimeZone(input.timeZone)) {
      errors.push({
        field: 'timeZone',
        message: 'must be an IANA time zone such as America/Chicago',
      });
    }
    if (input.quietHours) {
      for (const end of ['start', 'end'] as const) {
        if (!CLOCK_TIME.test(input.quietHours[end])) {
          errors.push({ field: `quietHours.${end}`, message: 'must be HH:mm (00:00 to 23:59)' });
        }
      }
      if (input.quietHours.start === input.quietHours.end) {
        errors.push({ field: 'quietHours.end', message: 'must differ from start' });
      }
    }
    if (input.chatWebhookUrl !== null) {
      const url = URL.canParse(input.chatWebhookUrl) ? new URL(input.chatWebhookUrl) : null;
      const allowed = this.options.chatHttpsOnly ? ['https:'] : ['https:', 'http:'];
      if (!url || !allowed.includes(url.protocol)) {
        errors.push({
          field: 'chatWebhookUrl',
          message: this.options.chatHttpsOnly ? 'must be an https URL' : 'must be an http(s) URL',
        });
      }
    }
    return errors;
  }
}
