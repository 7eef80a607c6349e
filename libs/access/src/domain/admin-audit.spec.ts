import {
  AUDIT_ACTIONS,
  auditActorOf,
  auditTargetTypeOf,
  REDACTED,
  redactForAudit,
} from './admin-audit';
import { Actor } from './actor';

describe('redactForAudit', () => {
  it('replaces a form captcha secret, by name and by the form path list, and keeps the rest', () => {
    const form = {
      key: 'consultation',
      allowedOrigins: ['https://clinic.example'],
      captcha: { provider: 'turnstile', siteKey: '0x4AAA', secret: '0x4BBB-very-secret' },
    };
    expect(redactForAudit('form', form)).toEqual({
      key: 'consultation',
      allowedOrigins: ['https://clinic.example'],
      captcha: { provider: 'turnstile', siteKey: '0x4AAA', secret: REDACTED },
    });
  });

  it('replaces credential-like fields at any depth, also inside arrays', () => {
    const value = {
      secretHash: 'abc',
      nested: { clientSecret: 's', accessToken: 't', password: 'p', keep: 'k' },
      list: [{ token: 'x', name: 'n' }],
      plaintext: 'ik_x_y',
    };
    const redacted = JSON.stringify(redactForAudit('staff', value));
    for (const secret of ['"abc"', '"s"', '"t"', '"p"', '"x"', 'ik_x_y']) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain('"keep":"k"');
    expect(redacted).toContain('"name":"n"');
  });

  it('walks an object under a credential-like name, so its settings stay readable', () => {
    expect(
      redactForAudit('form', { startToken: { required: true, ttlSeconds: 600, secret: 'z' } }),
    ).toEqual({ startToken: { required: true, ttlSeconds: 600, secret: REDACTED } });
    expect(redactForAudit('form', { startToken: 'abc', secret: null })).toEqual({
      startToken: REDACTED,
      secret: null,
    });
  });

  it('keeps flags and numbers whose names sound like credentials: they are none', () => {
    expect(redactForAudit('form', { requireStartToken: true, tokenTtlSeconds: 600 })).toEqual({
      requireStartToken: true,
      tokenTtlSeconds: 600,
    });
  });

  it('replaces a whole object named in the path list', () => {
    expect(redactForAudit('form', { captcha: { secret: { v1: 'a' } } })).toEqual({
      captcha: { secret: REDACTED },
    });
  });

  it('writes dates as JSON does and leaves null alone', () => {
    expect(redactForAudit('staff', null)).toBeNull();
    expect(redactForAudit('staff', { at: new Date('2026-01-02T03:04:05Z') })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
    });
  });
});

describe('audit actions', () => {
  it('name their target type first', () => {
    expect(AUDIT_ACTIONS).toContain('staff.role_changed');
    expect(AUDIT_ACTIONS).toContain('parked_event.discarded');
    expect(auditTargetTypeOf('routing_pool.deleted')).toBe('routing_pool');
  });

  it('tell an API key from a token', () => {
    expect(auditActorOf(new Actor('s1', 'admin', 'api_key'))).toEqual({
      type: 'api_key',
      staffId: 's1',
      label: null,
    });
    expect(auditActorOf(new Actor('s1', 'admin', 'oidc')).type).toBe('staff');
  });
});
