import { AnalyticsQueryInvalidError } from './analytics-errors';

export const DEFAULT_WINDOW_DAYS = 30;

export interface ReportingWindow {
  from: Date;
  to: Date;
}

/**
 * `[from, to)`. Without `to`, now; without `from`, 30 days before `to`. `from` must come first.
 * Both arrive already checked as RFC 3339 timestamps.
 */
export function reportingWindow(input: { from?: string; to?: string }, now: Date): ReportingWindow {
  const to = input.to ? new Date(input.to) : now;
  const from = input.from
    ? new Date(input.from)
    : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 24 * 3600 * 1000);
  if (from.getTime() >= to.getTime()) {
    throw new AnalyticsQueryInvalidError([{ field: 'from', message: 'from must be before to' }]);
  }
  return { from, to };
}
