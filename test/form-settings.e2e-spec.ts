import { apiSuite } from './support/api-suite';
import { resetDatabase, StaffCredential, staffWithKey } from './support/harness';

describe('forms an admin manages', () => {
  const suite = apiSuite();
  const { as, http } = suite;

  let admin: StaffCredential;
  const promo = {
    name: 'Spring promo',
    allowedOrigins: ['https://promo.example'],
    thankYouUrl: 'https://promo.example/thanks',
    honeypotField: 'hp_field',
    fieldAliases: { given: 'firstName', mail: 'email' },
    requiredFields: ['email'],
    minFillSeconds: 0,
  };

  beforeEach(async () => {
    await resetDatabase(suite.pool);
    admin = await staffWithKey(suite.api, 'admin');
  });

  it('lets an admin create a form that the public endpoint then takes, and replace it', async () => {
    const put = (body: object) => as(admin).put('/v1/forms/spring-promo', body);
    const created = await put(promo).expect(201);
    expect(created.body).toMatchObject({ key: 'spring-promo', ...promo });

    await http()
      .post('/v1/forms/spring-promo/submissions')
      .set('Origin', 'https://promo.example')
      .send({ given: 'Pat', mail: 'pat@example.com', contactConsent: true })
      .expect(201);
    await http()
      .post('/v1/forms/spring-promo/submissions')
      .set('Origin', 'https://clinic.example')
      .send({ given: 'Pat', mail: 'pat@example.com', contactConsent: true })
      .expect(403);
    const missing = await http()
      .post('/v1/forms/spring-promo/submissions')
      .send({ given: 'Pat', phone: '4155550100', contactConsent: true })
      .expect(400);
    expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toContain('email');

    const replaced = await put({ ...promo, requiredFields: [] }).expect(200);
    expect(replaced.body.requiredFields).toEqual([]);
    const listed = await as(admin).get('/v1/forms').expect(200);
    expect(listed.body.items.map((f: { key: string }) => f.key)).toEqual(['spring-promo']);
    await as(admin).get('/v1/forms/spring-promo').expect(200);
    await as(admin).get('/v1/forms/nope').expect(404);
  });

  it('refuses unsound settings with every field error, and saves nothing', async () => {
    const unsound = {
      ...promo,
      allowedOrigins: ['promo.example'],
      thankYouUrl: 'javascript:alert(1)',
      honeypotField: 'email',
      fieldAliases: { given: 'nickname' },
    };
    const save = (body: object) => as(admin).put('/v1/forms/bad-form', body);
    // Shape first (class-validator), then the form's own rules.
    const shape = await save({ ...unsound, minFillSeconds: -1 }).expect(400);
    expect(shape.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'minFillSeconds',
    ]);
    const semantic = await save(unsound).expect(400);
    expect(semantic.body.error.code).toBe('FORM.INVALID');
    expect(semantic.body.error.fields.map((f: { field: string }) => f.field)).toEqual([
      'allowedOrigins.0',
      'thankYouUrl',
      'honeypotField',
      'fieldAliases.given',
    ]);
    await as(admin).put('/v1/forms/no spaces', promo).expect(400);
    expect((await as(admin).get('/v1/forms').expect(200)).body.items).toEqual([]);
  });
});
