import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdminAuditRecorder } from '@intake/access';
import { Clock, IdGenerator, TransactionRunner } from '@intake/platform';
import { ContactDetails } from '../../domain/inquiry';
import { Lead } from '../../domain/lead';
import { LeadNotFoundError } from '../../domain/lead-errors';
import { ContactSuppressions } from '../../infrastructure/contact-suppressions';
import { ErasureRepository } from '../../infrastructure/erasure.repository';
import { LeadDeidentifier } from '../../infrastructure/lead-deidentifier';
import { LeadRepository } from '../../infrastructure/lead.repository';
import { LeadChanges } from '../write-lead/lead-changes';
import { EraseLeadsCommand, EraseLeadsProps, ErasureView } from './erase-leads.command';

/**
 * Erases one lead, or every lead of one person, in one transaction: the erasure record, each
 * lead's own change (closed if open, de-identified, `lead.erased` through the outbox), the
 * shared de-identification of everything that hangs off the leads, the do-not-contact hashes
 * when the person asked, and the admin audit line.
 *
 * Erasing an erased lead by id answers the erasure that erased it, and writes nothing.
 */
@CommandHandler(EraseLeadsCommand)
export class EraseLeadsHandler implements ICommandHandler<EraseLeadsCommand> {
  constructor(
    private readonly leads: LeadRepository,
    private readonly erasures: ErasureRepository,
    private readonly changes: LeadChanges,
    private readonly deidentifier: LeadDeidentifier,
    private readonly suppressions: ContactSuppressions,
    private readonly audit: AdminAuditRecorder,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  execute({ props }: EraseLeadsCommand): Promise<ErasureView> {
    return this.tx.run(async () => {
      const found = await this.leadsOf(props.target);
      if (found.done) return found.done;
      const leads = found.leads.filter((lead) => !lead.isErased);
      const at = this.clock.now();
      const erasure = {
        id: this.ids.next(),
        leadIds: leads.map((lead) => lead.id),
        reason: props.reason,
        requestedBy: props.context.actor.staffId,
        requestedAt: at,
        doNotContact: props.doNotContact,
      };
      // First: the guard lets the de-identification through only for an erasure that exists.
      await this.erasures.insert(erasure);
      const contacts = this.contactsOf(props, leads);
      const by = { actorId: props.context.actor.staffId, at };
      for (const lead of leads) {
        const before = lead.snapshot();
        lead.erase(erasure.id, by);
        await this.leads.update(lead);
        await this.changes.record(
          before,
          lead.snapshot(),
          lead.pullEvents(),
          props.context.requestId,
        );
      }
      await this.deidentifier.deidentify(erasure.leadIds, { kind: 'erasure', id: erasure.id }, at);
      await this.deidentifier.forgetContacts(contacts);
      if (props.doNotContact) {
        for (const contact of contacts) {
          await this.suppressions.suppress(contact, erasure.id, at, () => this.ids.next());
        }
      }
      const { id: _id, ...recorded } = erasure;
      await this.audit.record(props.context, {
        action: 'lead.erased',
        targetId: erasure.id,
        before: null,
        after: { ...recorded, requestedAt: at.toISOString() },
      });
      return erasure;
    });
  }

  private async leadsOf(
    target: EraseLeadsProps['target'],
  ): Promise<{ leads: Lead[]; done?: ErasureView }> {
    if ('contact' in target) {
      // The same locks a submission of this person takes: no new lead of theirs slips past.
      await this.leads.lockContact(target.contact);
      return { leads: await this.leads.findAllByContactForUpdate(target.contact) };
    }
    const lead = await this.leads.findForUpdate(target.leadId);
    if (!lead) throw new LeadNotFoundError(target.leadId);
    if (lead.isErased) {
      const earlier = await this.erasures.latestFor(lead.id);
      if (earlier) return { leads: [], done: earlier };
    }
    return { leads: [lead] };
  }

  /** The person's: the contact asked for, and the erased leads' own (read before erasing). */
  private contactsOf(props: EraseLeadsProps, leads: Lead[]): ContactDetails[] {
    const own = leads.map((lead) => ({ ...lead.snapshot().contact }));
    return 'contact' in props.target ? [props.target.contact, ...own] : own;
  }
}
