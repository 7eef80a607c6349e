import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ContactRules } from '../../domain/contact-rules';
import { ConsentLedgerRepository } from '../../infrastructure/consent-ledger.repository';
import { GetContactRulesQuery } from './get-contact-rules.query';

@QueryHandler(GetContactRulesQuery)
export class GetContactRulesHandler implements IQueryHandler<GetContactRulesQuery, ContactRules> {
  constructor(private readonly consents: ConsentLedgerRepository) {}

  execute(): Promise<ContactRules> {
    return this.consents.rules();
  }
}
