import { nameSearchKeys, nameSearchTerms } from './lead-privacy';

describe('name search keys', () => {
  it('indexes folded words, their parts and the parts joined, whole and by prefixes from 3 letters', () => {
    expect(nameSearchKeys('José Núñez-García').sort()).toEqual(
      [
        'jos',
        'jose',
        'nun',
        'nune',
        'nunez',
        'gar',
        'garc',
        'garci',
        'garcia',
        ...['nunezg', 'nunezga', 'nunezgar', 'nunezgarc', 'nunezgarci', 'nunezgarcia'],
      ].sort(),
    );
    expect(nameSearchKeys("Li O'Neil")).toEqual(
      expect.arrayContaining(['li', 'o', 'neil', 'nei', 'oneil', 'one']),
    );
  });

  it('reads a search term as its folded words', () => {
    expect(nameSearchTerms('  NÚÑEZ-gar ')).toEqual(['nunez', 'gar']);
    expect(nameSearchTerms('100%_')).toEqual(['100']);
  });
});
