export * from './domain';
export * from './leads.module';
export * from './application/capture-lead/capture-lead.service';
