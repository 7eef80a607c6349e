import { formPageOf, grantedKinds } from './form-consent';

describe('form consent', () => {
  it('grants the kinds of the ticked boxes only', () => {
    expect(
      grantedKinds({ contactConsent: true, smsConsent: false, emailMarketingConsent: true }),
    ).toEqual(['contact', 'email_marketing']);
    expect(
      grantedKinds({ contactConsent: false, smsConsent: false, emailMarketingConsent: false }),
    ).toEqual([]);
  });

  it("keeps the Origin and the Referer's path, never its query or fragment", () => {
    expect(
      formPageOf(
        'https://clinic.example',
        'https://clinic.example/ketamine/consult?email=ann%40example.com#form',
      ),
    ).toEqual({ origin: 'https://clinic.example', path: '/ketamine/consult' });
  });

  it("falls back to the Referer's origin, and gives nulls for what is missing or not a web URL", () => {
    expect(formPageOf(null, 'https://clinic.example/a?b=c')).toEqual({
      origin: 'https://clinic.example',
      path: '/a',
    });
    expect(formPageOf(null, null)).toEqual({ origin: null, path: null });
    expect(formPageOf('null', 'not a url')).toEqual({ origin: null, path: null });
    expect(formPageOf(null, 'javascript:alert(1)')).toEqual({ origin: null, path: null });
  });
});
