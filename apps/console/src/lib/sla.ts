import { formatDuration } from './time';

/**
 * - `waiting`: not due yet (a retry in two hours);
 * - `ok`: due, and more than a quarter of the SLA window left;
 * - `warning` (amber): a quarter or less of the window left;
 * - `breached` (red): past the SLA deadline.
 */
export type SlaLevel = 'waiting' | 'ok' | 'warning' | 'breached';

export const WARNING_SHARE = 0.25;

export interface SlaInput {
  dueAt: string;
  slaDeadline: string;
  createdAt: string;
}

export interface SlaState {
  level: SlaLevel;
  /** Milliseconds to the deadline; negative once past it. */
  remainingMs: number;
  label: string;
}

export function slaState(f: SlaInput, now: Date): SlaState {
  const t = now.getTime();
  const due = Date.parse(f.dueAt);
  const deadline = Date.parse(f.slaDeadline);
  const remainingMs = deadline - t;
  if (remainingMs <= 0) {
    return { level: 'breached', remainingMs, label: `${formatDuration(remainingMs)} over SLA` };
  }
  if (due > t) {
    return { level: 'waiting', remainingMs, label: `due in ${formatDuration(due - t)}` };
  }
  // The window runs from when the follow-up became due (or was created, if later).
  const start = Math.max(due, Date.parse(f.createdAt));
  const window = Math.max(deadline - start, 1);
  const level = remainingMs <= window * WARNING_SHARE ? 'warning' : 'ok';
  return { level, remainingMs, label: `${formatDuration(remainingMs)} left` };
}

/** Mantine colours for each level; red and amber are never the only signal (the label says it). */
export const SLA_COLOURS: Record<SlaLevel, string> = {
  waiting: 'gray',
  ok: 'teal',
  warning: 'yellow',
  breached: 'red',
};
