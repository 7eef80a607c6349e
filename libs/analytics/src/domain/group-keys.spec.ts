import { groupKeysOf, sourceOf } from './group-keys';

describe('group keys', () => {
  it('source is the first touch utm_source, lower-cased, or direct', () => {
    expect(sourceOf('Google ')).toBe('google');
    expect(sourceOf(null)).toBe('direct');
    expect(sourceOf(undefined)).toBe('direct');
    expect(sourceOf('   ')).toBe('direct');
  });

  it('missing state and interest are grouped as unknown', () => {
    expect(
      groupKeysOf({
        formKey: 'consultation',
        state: null,
        interest: null,
        attribution: { utmSource: null },
      }),
    ).toEqual({ source: 'direct', form: 'consultation', state: 'unknown', interest: 'unknown' });
    expect(
      groupKeysOf({
        formKey: 'spring',
        state: 'CA',
        interest: 'ptsd',
        attribution: { utmSource: 'Facebook' },
      }),
    ).toEqual({ source: 'facebook', form: 'spring', state: 'CA', interest: 'ptsd' });
  });
});
