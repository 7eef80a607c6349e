export * from './domain';
export * from './scheduling.module';
export * from './application/route-lead/lead-router';
export * from './application/follow-up-jobs/follow-up-jobs';
export * from './scheduling-jobs';
export * from './application/manage-staff-schedules/staff-schedules.service';
export { SchedulingReactions } from './application/shared/scheduling-reactions';
