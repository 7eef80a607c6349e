import { isAddressAllowed, urlProblems, WebhookUrlPolicy } from './webhook-url-policy';

const production: WebhookUrlPolicy = { requireHttps: true, allowedTargets: [] };
const development: WebhookUrlPolicy = { requireHttps: false, allowedTargets: ['127.0.0.1'] };

describe('webhook URL policy', () => {
  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.8.8',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '64:ff9b::a00:1',
    '2002:a00:1::',
  ])('refuses %s in production', (address) => {
    expect(isAddressAllowed(address, production)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::6810:84e5'])('allows public %s', (address) => {
    expect(isAddressAllowed(address, production)).toBe(true);
  });

  it('allows what the allow-list names, by address or range, and nothing beside it', () => {
    const policy = { requireHttps: true, allowedTargets: ['10.20.0.0/16', 'fd00::5'] };
    expect(isAddressAllowed('10.20.9.9', policy)).toBe(true);
    expect(isAddressAllowed('::ffff:10.20.9.9', policy)).toBe(true);
    expect(isAddressAllowed('10.21.0.1', policy)).toBe(false);
    expect(isAddressAllowed('fd00::5', policy)).toBe(true);
    expect(isAddressAllowed('fd00::6', policy)).toBe(false);
    expect(isAddressAllowed('not an address', policy)).toBe(false);
  });

  it('allows 127.0.0.1 in development, and no other loopback address', () => {
    expect(isAddressAllowed('127.0.0.1', development)).toBe(true);
    expect(isAddressAllowed('127.0.0.2', development)).toBe(false);
    expect(isAddressAllowed('::1', development)).toBe(false);
  });

  it('wants https in production, and a plain absolute URL without credentials', () => {
    expect(urlProblems('https://hooks.example.com/x', production)).toEqual([]);
    expect(urlProblems('http://hooks.example.com/x', production)).toEqual([
      { field: 'url', message: 'must use https' },
    ]);
    expect(urlProblems('http://hooks.example.com/x', development)).toEqual([]);
    expect(urlProblems('ftp://hooks.example.com/x', development)[0].message).toBe(
      'must use http or https',
    );
    expect(urlProblems('hooks.example.com', development)[0].message).toBe(
      'must be an absolute URL',
    );
    expect(urlProblems('https://a:b@hooks.example.com/', production)[0].message).toMatch(
      /password/,
    );
    expect(urlProblems('https://[::1]/', production)[0].message).toMatch(/points to ::1/);
    // The URL parser's own spellings of an address are judged as the address.
    expect(urlProblems('https://0x7f.1/', production)[0].message).toMatch(/127\.0\.0\.1/);
    expect(urlProblems('https://2130706433/', production)[0].message).toMatch(/127\.0\.0\.1/);
  });
});
