export * from './domain';
export * from './leads.module';
export * from './application/capture-lead/capture-lead.service';
export { SubmissionsOfLeadQuery } from './application/get-lead/get-lead.query';
export type { SubmissionOfLead } from './application/get-lead/get-lead.query';
export * from './application/automate-lead/lead-automation';
export * from './application/summarize-leads/lead-summaries.query';
export * from './application/shared/lead-reactions';
export * from './application/record-crisis-clock/lead-crisis-clock';
