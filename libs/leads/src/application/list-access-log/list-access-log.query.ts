import type { AccessLogFilter } from '../../infrastructure/lead-read-model';

export class ListAccessLogQuery {
  constructor(readonly filter: AccessLogFilter) {}
}
