import { isTimestamp } from './validation';

describe('isTimestamp', () => {
  it.each([
    '2026-11-28T14:30:00Z',
    '2026-11-28T14:30Z',
    '2026-11-28T14:30:00.123456Z',
    '2026-11-28T14:30:00+05:30',
    '2024-02-29T00:00:00-08:00',
  ])('takes %s', (value) => expect(isTimestamp(value)).toBe(true));

  it.each([
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T14:30:00',
    '2026-11-28',
    '2030-W01-1',
    '2030-100',
    '20300101T000000Z',
    '99999-01-01T00:00:00Z',
    'tomorrow',
    '',
  ])('refuses %s', (value) => expect(isTimestamp(value)).toBe(false));
});
