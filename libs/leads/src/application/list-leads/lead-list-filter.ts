export type LeadSort = 'created' | '-created' | 'priority';

export interface LeadListFilter {
  statuses: string[];
  ownerId: string | null;
  unassigned: boolean;
  priorities: string[];
  crisisFlag: boolean | null;
  formKey: string | null;
  source: string | null;
  state: string | null;
  interest: string | null;
  createdFrom: Date | null;
  createdTo: Date | null;
  search: { email: string } | { phone: string } | { name: string } | null;
  sort: LeadSort;
  /** The sort key of the last row of the previous page. */
  after: Array<string | number> | null;
  limit: number;
}
