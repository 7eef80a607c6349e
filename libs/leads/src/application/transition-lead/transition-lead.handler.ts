import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Lead } from '../../domain/lead';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { LeadWriter, WriteResult } from '../write-lead/lead-writer';
import { TransitionLeadCommand, TransitionLeadProps } from './transition-lead.command';

@CommandHandler(TransitionLeadCommand)
export class TransitionLeadHandler implements ICommandHandler<TransitionLeadCommand> {
  constructor(
    private readonly writer: LeadWriter,
    private readonly leads: LeadRepository,
  ) {}

  execute({ props: c }: TransitionLeadCommand): Promise<WriteResult<void>> {
    return this.writer.change(c.leadId, c.expectedVersion, c.context, async (lead, by) =>
      lead.transitionTo(c.to, c.reason, by, await this.openLeadOfSamePerson(lead, c)),
    );
  }

  /**
   * Only when reopening: the same contact locks intake takes, so no submission can open a lead
   * for this person between the check and the commit.
   */
  private async openLeadOfSamePerson(lead: Lead, c: TransitionLeadProps): Promise<string | null> {
    if (!lead.reopens(c.to)) return null;
    const contact = lead.snapshot().contact;
    await this.leads.lockContact(contact);
    const open = await this.leads.findOpenByContact(contact);
    return open.find((other) => other.id !== lead.id)?.id ?? null;
  }
}
