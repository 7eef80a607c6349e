import { Query } from '@nestjs/cqrs';
import type { ContactRules } from '../../domain/contact-rules';

export class GetContactRulesQuery extends Query<ContactRules> {}
