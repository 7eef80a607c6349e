import { attributionV1, originAndPath } from './attribution';

describe('attribution in events', () => {
  it('cuts URLs to origin and path, since query strings can carry personal data', () => {
    expect(originAndPath('https://clinic.example/ketamine?email=ann%40example.com#form')).toBe(
      'https://clinic.example/ketamine',
    );
    expect(originAndPath('https://ann:secret@clinic.example/')).toBe('https://clinic.example/');
    expect(originAndPath('javascript:alert(1)')).toBeNull();
    expect(originAndPath('not a url')).toBeNull();
    expect(originAndPath(null)).toBeNull();
  });

  it('always carries every key', () => {
    expect(attributionV1({ utmSource: 'google' })).toEqual({
      utmSource: 'google',
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      gclid: null,
      landingPage: null,
      referrer: null,
    });
  });
});
