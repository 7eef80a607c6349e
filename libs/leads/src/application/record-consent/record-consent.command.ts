import { Command } from '@nestjs/cqrs';
import type {
  ConsentAction,
  ConsentKind,
  ConsentRecord,
  StaffConsentSource,
} from '../../domain/consent';
import type { WriteResult } from '../write-lead/lead-writer';
import type { CommandContext } from '../write-lead/command-context';

export interface RecordConsentProps {
  readonly leadId: string;
  readonly kind: ConsentKind;
  readonly action: ConsentAction;
  readonly source: StaffConsentSource;
  readonly expectedVersion: number | null;
  readonly context: CommandContext;
}

/** Staff record that the person gave or withdrew consent (a call, a STOP reply). */
export class RecordConsentCommand extends Command<WriteResult<ConsentRecord>> {
  constructor(readonly props: RecordConsentProps) {
    super();
  }
}
