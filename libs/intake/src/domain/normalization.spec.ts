import {
  normalizeCode,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeState,
  normalizeText,
} from './normalization';

describe('normalization', () => {
  it.each([
    ['  Ann   Marie  ', 'Ann Marie'],
    ['Ann\tMarie\n', 'Ann Marie'],
    ['   ', null],
    ['O\u0000Brien', 'O Brien'],
  ])('normalizeName(%j) → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('keeps line breaks in free text but drops other control characters', () => {
    expect(normalizeText(' line one\r\nline\u0007 two ')).toBe('line one\nline two');
    expect(normalizeText(' \n ')).toBeNull();
  });

  it.each([
    [' Ann.Lee+intake@Example.COM ', 'ann.lee+intake@example.com'],
    ['ann@example', null],
    ['ann@@example.com', null],
    ['ann lee@example.com', null],
    ['.ann@example.com', null],
    ['ann..lee@example.com', null],
    ['ann@example.c', null],
    [`${'a'.repeat(65)}@example.com`, null],
  ])('normalizeEmail(%j) → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([
    ['(415) 555-2671', '+14155552671'],
    ['415.555.2671', '+14155552671'],
    ['+1 415 555 2671', '+14155552671'],
    ['1-415-555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
    ['555-2671', null],
    ['not a phone', null],
    ['(000) 000-0000', null],
  ])('normalizePhone(%j) → %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['ca', 'CA'],
    [' ny ', 'NY'],
    ['New  York', 'NY'],
    ['district of columbia', 'DC'],
    ['PR', 'PR'],
    ['XX', null],
    ['Cal', null],
  ])('normalizeState(%j) → %j', (input, expected) => {
    expect(normalizeState(input)).toBe(expected);
  });

  it('turns labels into codes', () => {
    expect(normalizeCode(' Chronic Pain ')).toBe('chronic_pain');
    expect(normalizeCode('chronic-pain')).toBe('chronic_pain');
  });
});
