import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { OnCallSettings } from '../../domain/crisis/on-call-rotation';
import type { OnCallView } from '../get-on-call/on-call-view';

export interface ReplaceOnCallProps {
  readonly settings: OnCallSettings;
  readonly context: AuditContext;
}

/** Replaces the rotation, the escalation list and the acknowledgement timeout (audited). */
export class ReplaceOnCallCommand extends Command<OnCallView> {
  constructor(readonly props: ReplaceOnCallProps) {
    super();
  }
}
