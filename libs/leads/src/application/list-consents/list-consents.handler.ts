import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StaffDirectory } from '@intake/access';
import { CONSENT_KINDS, currentConsentOf } from '../../domain/consent';
import { LeadNotFoundError } from '../../domain/lead-errors';
import { ConsentLedgerRepository } from '../../infrastructure/consent-ledger.repository';
import { LeadReadModel } from '../../infrastructure/lead-read-model';
import { staffRef } from '../present-lead/lead-views';
import { AccessLogger } from '../record-access/access-logger';
import { LeadConsents, ListConsentsQuery } from './list-consents.query';

@QueryHandler(ListConsentsQuery)
export class ListConsentsHandler implements IQueryHandler<ListConsentsQuery, LeadConsents> {
  constructor(
    private readonly read: LeadReadModel,
    private readonly consents: ConsentLedgerRepository,
    private readonly staff: StaffDirectory,
    private readonly access: AccessLogger,
  ) {}

  async execute({ props: q }: ListConsentsQuery): Promise<LeadConsents> {
    if (!(await this.read.findById(q.leadId))) throw new LeadNotFoundError(q.leadId);
    const ledger = await this.consents.recordsOf(q.leadId);
    const names = await this.staff.namesOf(ledger.flatMap((r) => r.recordedBy ?? []));
    const records = ledger.map((r) => ({ ...r, recorder: staffRef(r.recordedBy, names) }));
    const latest = currentConsentOf(ledger);
    const current = Object.fromEntries(
      CONSENT_KINDS.map((kind) => [kind, records.find((r) => r.id === latest[kind]?.id) ?? null]),
    ) as LeadConsents['current'];
    await this.access.record(q.actor, 'lead.consents_listed', [q.leadId], q.requestId);
    return { current, records };
  }
}
