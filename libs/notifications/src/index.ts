export * from './domain/alert';
export * from './notifications.module';
export * from './application/send-alerts/alerts';
export * from './application/react-to-events/event-reaction';
export * from './application/react-to-events/event-handling';
export * from './application/escalate-crisis-pages/crisis-escalation';
export * from './application/escalate-crisis-pages/crisis-jobs';
