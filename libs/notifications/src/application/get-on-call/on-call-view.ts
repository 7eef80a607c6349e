import {
  coverageGaps,
  CoverageGap,
  onCallAt,
  OnCallSettings,
} from '../../domain/crisis/on-call-rotation';

export interface OnCallView {
  settings: OnCallSettings;
  /** Who a crisis would page first now; null: the escalation list (or the admins). */
  onCallNow: string | null;
  /** Times of the week nobody is on call. */
  gaps: CoverageGap[];
}

export function onCallView(settings: OnCallSettings, now: Date): OnCallView {
  return { settings, onCallNow: onCallAt(settings, now), gaps: coverageGaps(settings) };
}
