import { loadIdpConfig } from './idp.config';

describe('the local identity provider configuration', () => {
  it('has local defaults: port 3003, the console client, its redirect URIs', () => {
    const config = loadIdpConfig({});
    expect(config.IDP_PORT).toBe(3003);
    expect(config.IDP_CLIENT_ID).toBe('intake-console');
    expect(config.redirectUris()).toEqual([
      'http://localhost:3000/auth/callback',
      'http://127.0.0.1:3000/auth/callback',
    ]);
  });

  it('refuses to run in production', () => {
    expect(() => loadIdpConfig({ NODE_ENV: 'production' })).toThrow(/development and test tool/);
  });

  it('names a malformed variable', () => {
    expect(() => loadIdpConfig({ IDP_REDIRECT_URIS: 'not a url' })).toThrow(
      /IDP_REDIRECT_URIS is invalid/,
    );
    expect(() => loadIdpConfig({ IDP_CLIENT_SECRET: 'short' })).toThrow(/IDP_CLIENT_SECRET/);
  });
});
