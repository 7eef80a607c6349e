import { attributionV1, campaignToken, originAndPath } from './attribution';

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

  it('keeps campaign values only when short and free of anything personal-looking', () => {
    expect(campaignToken(' spring_sale ')).toBe('spring_sale');
    expect(campaignToken('ketamine clinic near me')).toBe('ketamine clinic near me');
    expect(campaignToken('ann@example.com')).toBeNull();
    expect(campaignToken('call 415-555-2671')).toBeNull();
    expect(campaignToken('x'.repeat(101))).toBeNull();
    expect(campaignToken('')).toBeNull();
  });

  it('cuts a URL to its origin when the path looks personal or is too long', () => {
    expect(originAndPath('https://clinic.example/r/zebulon.q@example.com')).toBe(
      'https://clinic.example/',
    );
    expect(originAndPath('https://clinic.example/r/zebulon.q%40example.com')).toBe(
      'https://clinic.example/',
    );
    expect(originAndPath('https://clinic.example/call/4155552671')).toBe('https://clinic.example/');
    expect(originAndPath(`https://clinic.example/${'é'.repeat(1000)}`)).toBe(
      'https://clinic.example/',
    );
    expect(originAndPath('https://clinic.example/ketamine-2024')).toBe(
      'https://clinic.example/ketamine-2024',
    );
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
