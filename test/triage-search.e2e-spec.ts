import { createForm } from './support/harness';
import { triageSuite } from './support/triage-suite';

describe('coordinator triage over HTTP: finding leads', () => {
  const suite = triageSuite();
  const { as, submit } = suite;
  const { admin, coordinator, viewer, service } = suite.team;

  it('filters by status, owner, unassigned, priority, crisis flag, form, source, state, interest and created range', async () => {
    const a = await submit({ state: 'NY', interest: 'anxiety', utm_source: 'Facebook' });
    const b = await submit({ message: 'I have thought about suicide' });
    const c = await submit({ state: 'TX' });
    await as(coordinator).put(`/v1/leads/${a}/owner`, { staffId: coordinator.staffId }).expect(200);
    await as(coordinator).post(`/v1/leads/${c}/transitions`, { to: 'lost' }).expect(200);
    await as(admin).put(`/v1/leads/${c}/priority`, { priority: 'high' }).expect(200);
    await createForm(suite.api, { key: 'spring-promo' });
    const d = await submit({ utm_source: undefined }, 'spring-promo');

    const ids = async (query: string) =>
      (
        (await as(coordinator).get(`/v1/leads?${query}`).expect(200)).body.items as Array<{
          id: string;
        }>
      )
        .map((l) => l.id)
        .sort();
    const sorted = (...xs: string[]) => [...xs].sort();

    expect(await ids('')).toEqual(sorted(a, b, c, d));
    expect(await ids('status=lost')).toEqual([c]);
    expect(await ids('status=new,lost')).toEqual(sorted(a, b, c, d));
    expect(await ids(`ownerId=${coordinator.staffId}`)).toEqual([a]);
    expect(await ids('ownerId=me')).toEqual([a]);
    expect(await ids('unassigned=true')).toEqual(sorted(b, c, d));
    expect(await ids('priority=urgent,high')).toEqual(sorted(b, c));
    expect(await ids('crisisFlag=true')).toEqual([b]);
    expect(await ids('crisisFlag=false')).toEqual(sorted(a, c, d));
    expect(await ids('formKey=spring-promo')).toEqual([d]);
    expect(await ids('source=facebook')).toEqual([a]);
    expect(await ids('source=direct')).toEqual([d]);
    expect(await ids('state=ny')).toEqual([a]);
    expect(await ids('interest=anxiety')).toEqual([a]);
    const created = (await as(coordinator).get(`/v1/leads/${c}`)).body.createdAt as string;
    expect(await ids(`createdFrom=${created}`)).toEqual(sorted(c, d));
    expect(await ids(`createdTo=${created}`)).toEqual(sorted(a, b));
    expect(await ids('status=lost&unassigned=true&priority=high')).toEqual([c]);
  });

  it('searches by name (whole words or their beginnings, any case or accent), email, and phone in any formatting', async () => {
    const jose = await submit({
      firstName: 'José',
      lastName: 'Núñez-García',
      email: 'Jose.Nunez@Example.com',
      phone: '+1 (212) 555-0147',
    });
    await submit({ firstName: 'Joseph', lastName: 'Smith' });
    await submit({ firstName: 'Maria', lastName: 'Lopez' });
    const search = async (q: string) =>
      (
        (
          await as(coordinator)
            .get(`/v1/leads?q=${encodeURIComponent(q)}`)
            .expect(200)
        ).body.items as Array<{ id: string; firstName: string }>
      )
        .map((l) => l.firstName)
        .sort();

    expect(await search('nunez')).toEqual(['José']);
    expect(await search('NÚÑEZ-gar')).toEqual(['José']);
    expect(await search('jose')).toEqual(['José', 'Joseph'].sort());
    expect(await search('jose nunez')).toEqual(['José']);
    expect(await search('jose.nunez@example.com')).toEqual(['José']);
    for (const phone of ['212-555-0147', '(212) 555 0147', '+12125550147', '1.212.555.0147']) {
      expect(await search(phone)).toEqual(['José']);
    }
    expect(await search('100%_')).toEqual([]);
    expect(await search('lop')).toEqual(['Maria']);
    // Names are found through blind indexes of their words and the words' beginnings (three
    // letters or more), never read in plain text: a piece inside a word, a typo or one or two
    // letters find nothing, though they would match the name as stored before encryption.
    expect(await search('unez')).toEqual([]);
    expect(await search('arcia')).toEqual([]);
    expect(await search('nunes')).toEqual([]);
    expect(await search('jo')).toEqual([]);
    // Every word of the term must match.
    expect(await search('joseph nunez')).toEqual([]);
    const found = await as(service).get('/v1/leads?q=2125550147').expect(200);
    expect(found.body.items.map((l: { id: string }) => l.id)).toEqual([jose]);
    // Viewers see contact details masked, so they may not look people up by them either.
    await as(viewer).get('/v1/leads?q=2125550147').expect(403);
    await as(viewer).get('/v1/leads?q=jose.nunez%40example.com').expect(403);
    const byName = await as(viewer).get('/v1/leads?q=nunez').expect(200);
    expect(byName.body.items[0].phone).toBe('+*********47');
  });

  it('pages through every lead exactly once, in each sort order, with keyset cursors', async () => {
    const created: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      created.push(await submit(i % 5 === 0 ? { message: 'I want to die' } : {}));
    }
    await as(admin).put(`/v1/leads/${created[7]}/priority`, { priority: 'high' }).expect(200);

    const all = async (sort: string) => {
      const seen: Array<{ id: string; priority: string; createdAt: string }> = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await as(coordinator).get(`/v1/leads?${query}`).expect(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(5);
      return seen;
    };

    const newest = await all('-created');
    expect(newest.map((l) => l.id)).toEqual([...created].reverse());
    const oldest = await all('created');
    expect(oldest.map((l) => l.id)).toEqual(created);
    const queue = await all('priority');
    const rank = { urgent: 0, high: 1, normal: 2 } as Record<string, number>;
    const expected = [...oldest].sort(
      (x, y) => rank[x.priority]! - rank[y.priority]! || x.createdAt.localeCompare(y.createdAt),
    );
    expect(queue.map((l) => l.id)).toEqual(expected.map((l) => l.id));
    expect(queue.slice(0, 5).map((l) => l.priority)).toEqual(Array(5).fill('urgent'));
    expect(queue[5]!.id).toBe(created[7]);

    // A cursor belongs to its sort order.
    const first = await as(coordinator).get('/v1/leads?limit=5').expect(200);
    const wrong = await as(coordinator)
      .get(`/v1/leads?sort=priority&cursor=${first.body.nextCursor}`)
      .expect(400);
    expect(wrong.body.error.fields).toEqual([
      { field: 'cursor', message: 'belongs to another sort order' },
    ]);
  });
});
