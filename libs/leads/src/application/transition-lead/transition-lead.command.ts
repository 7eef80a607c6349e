import { Command } from '@nestjs/cqrs';
import type { WriteResult } from '../shared/lead-writer';
import { DisqualificationReason, LeadStatus } from '../../domain/lead-status';
import { CommandContext } from '../shared/command-context';

export interface TransitionLeadProps {
  readonly leadId: string;
  readonly to: LeadStatus;
  readonly reason: DisqualificationReason | null;
  readonly expectedVersion: number | null;
  readonly context: CommandContext;
}

export class TransitionLeadCommand extends Command<WriteResult<void>> {
  constructor(readonly props: TransitionLeadProps) {
    super();
  }
}
