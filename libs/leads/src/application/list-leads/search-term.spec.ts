import { parseSearchTerm } from './search-term';

describe('parseSearchTerm', () => {
  it.each([
    ['(415) 555-2671', '+14155552671'],
    ['415.555.2671', '+14155552671'],
    ['+1 415 555 2671', '+14155552671'],
    ['1-415-555-2671', '+14155552671'],
    ['4155552671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('finds %s as the E.164 number %s', (typed, e164) => {
    expect(parseSearchTerm(typed)).toEqual({ phone: e164 });
  });

  it('still looks for an invalid number as E.164 would spell it', () => {
    expect(parseSearchTerm('(911) 555-0147')).toEqual({ phone: '+19115550147' });
    expect(parseSearchTerm('+999 1234 5678')).toEqual({ phone: '+99912345678' });
  });

  it('takes anything with an @ as an email, in lower case', () => {
    expect(parseSearchTerm(' Ann.Lee@Example.COM ')).toEqual({ email: 'ann.lee@example.com' });
  });

  it('takes the rest as part of a name, folded like stored names', () => {
    expect(parseSearchTerm('  JOSÉ   Núñez ')).toEqual({ name: 'jose nunez' });
    expect(parseSearchTerm('555')).toEqual({ name: '555' });
  });
});
