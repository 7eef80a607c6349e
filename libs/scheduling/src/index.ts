export * from './domain';
export * from './scheduling.module';
export * from './application/route-lead/lead-router';
export * from './application/follow-up-jobs/follow-up-jobs';
export * from './scheduling-jobs';
// A person's calendar, for callers that are not HTTP (the demo seed).
export { GetStaffScheduleQuery } from './application/get-staff-schedule/get-staff-schedule.query';
export * from './application/update-staff-schedule/update-staff-schedule.command';
export { SchedulingReactions } from './application/react-to-lead-changes/scheduling-reactions';
