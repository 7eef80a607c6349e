import { Command } from '@nestjs/cqrs';
import type { AuditContext } from '@intake/access';
import type { ConsentKind } from '@intake/kernel';
import type { ConsentWording } from '../../domain/form-consent';

export interface PublishConsentWordingProps {
  readonly formKey: string;
  readonly kind: ConsentKind;
  readonly text: string;
  readonly context: AuditContext;
}

/** A new version of a form's wording for one kind of consent; the next grants record it. */
export class PublishConsentWordingCommand extends Command<ConsentWording> {
  constructor(readonly props: PublishConsentWordingProps) {
    super();
  }
}
