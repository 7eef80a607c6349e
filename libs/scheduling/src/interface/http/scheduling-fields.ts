import { STATE_TIME_ZONES } from '@intake/leads';

/** Formats and examples more than one scheduling DTO uses. */
export const HOURS_EXAMPLE = {
  mon: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ],
  tue: [{ start: '09:00', end: '17:00' }],
  wed: [{ start: '09:00', end: '17:00' }],
  thu: [{ start: '09:00', end: '17:00' }],
  fri: [{ start: '09:00', end: '17:00' }],
  sat: [],
  sun: [],
};
export const HOURS_DOC =
  'Local wall-clock ranges per weekday (mon…sun), HH:mm, end after start (24:00 allowed), sorted and not overlapping.';
export const STATE_CODES = Object.keys(STATE_TIME_ZONES);
export const LANGUAGE = /^[a-z]{2}$/;
