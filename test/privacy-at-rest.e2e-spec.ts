import { findPlaintext } from './support/plaintext-scan';
import { triageSuite } from './support/triage-suite';

/**
 * The proof of issue 15's field encryption: distinctive values written through the public API
 * and the coordinator API are nowhere in the database in plain text (every column of every
 * table read as text), and still read back whole through the API. Names, contact details,
 * free text, raw fields (spam's too), notes, attempts' notes and contacts to confirm.
 */
describe('personal data at rest', () => {
  const suite = triageSuite();
  const { as, submit, submission } = suite;
  const { coordinator } = suite.team;

  const person = {
    firstName: 'Quillfeatherine',
    lastName: 'Zamboniwicz',
    email: 'Quill.Zambo@Privacy-Proof.example',
    phone: '(415) 555-0199',
    message: 'A distinctive message about Xylophantine worries',
    bestTimeToContact: 'Weekends after Brunchtimezz',
    howDidYouHear: 'The Marvelhoundshow podcast',
    favourite_snack: 'Pickledkumquats',
  };
  const needles = [
    'Quillfeatherine',
    'Zamboniwicz',
    'quillfeath',
    'quill.zambo@privacy-proof.example',
    'quill.zambo',
    'quill.second@privacy-proof.example',
    '+14155550199',
    '4155550199',
    '555-0199',
    'Xylophantine',
    'Brunchtimezz',
    'Marvelhoundshow',
    'Pickledkumquats',
    'Spammerinoz',
    'Blorptastic',
    'spam.victim@privacy-proof.example',
    'Grindlewald',
    'Frobisher',
  ];

  async function writeEverything(): Promise<string> {
    const id = await submit(person);
    // The same person (by phone) with a new email: the email waits to be confirmed.
    expect(await submit({ ...person, email: 'quill.second@privacy-proof.example' })).toBe(id);
    // Spam (the honeypot filled): kept, with its raw fields, under a data key of its own.
    await submission({
      firstName: 'Spammerinoz',
      email: 'spam.victim@privacy-proof.example',
      message: 'Blorptastic offers',
      website: 'http://spam.example',
    });
    await as(coordinator)
      .post(`/v1/leads/${id}/notes`, { body: 'Lives near Grindlewald' })
      .expect(201);
    await as(coordinator)
      .post(`/v1/leads/${id}/contact-attempts`, {
        channel: 'phone',
        outcome: 'no_answer',
        note: 'Left a message with Frobisher',
      })
      .expect(201);
    return id;
  }

  it('keeps none of the values in plain text in any column of any table', async () => {
    await writeEverything();
    expect(await count('data_keys')).toBe(2); // the lead's and the spam's
    expect(await findPlaintext(suite.pool, needles)).toEqual([]);
  });

  it('reads every value back whole through the API, and finds the person by email, phone and name', async () => {
    const id = await writeEverything();
    const page = (await as(coordinator).get(`/v1/leads/${id}`).expect(200)).body;
    expect(page).toMatchObject({
      firstName: 'Quillfeatherine',
      lastName: 'Zamboniwicz',
      email: 'quill.zambo@privacy-proof.example',
      phone: '+14155550199',
      bestTimeToContact: 'Weekends after Brunchtimezz',
      howDidYouHear: 'The Marvelhoundshow podcast',
    });
    expect(page.submissions[0].fields).toMatchObject({
      firstName: 'Quillfeatherine',
      message: 'A distinctive message about Xylophantine worries',
    });
    expect(page.submissions[0].unknownFields).toEqual({ favourite_snack: 'Pickledkumquats' });
    expect(page.notes.map((n: { body: string }) => n.body)).toEqual(['Lives near Grindlewald']);
    expect(page.contactAttempts[0].note).toBe('Left a message with Frobisher');
    expect(page.contactsToConfirm).toEqual([
      expect.objectContaining({ channel: 'email', value: 'quill.second@privacy-proof.example' }),
    ]);

    for (const q of ['QUILL.zambo@privacy-proof.example', '415.555.0199', 'zambon quill']) {
      const found = await as(coordinator)
        .get(`/v1/leads?q=${encodeURIComponent(q)}`)
        .expect(200);
      expect(found.body.items.map((l: { id: string }) => l.id)).toEqual([id]);
    }
    // Confirming the waiting email makes it the lead's, found by its blind index.
    await as(coordinator)
      .post(`/v1/leads/${id}/contacts-to-confirm/${page.contactsToConfirm[0].id}/confirm`)
      .expect(200);
    const second = await as(coordinator)
      .get(`/v1/leads?q=${encodeURIComponent('quill.second@privacy-proof.example')}`)
      .expect(200);
    expect(second.body.items.map((l: { id: string }) => l.id)).toEqual([id]);
  });

  it('reads a lead whose data key is gone (crypto-shredded) with its personal fields empty', async () => {
    const id = await writeEverything();
    await suite.pool.query('DELETE FROM data_keys WHERE id = $1', [id]);
    const page = (await as(coordinator).get(`/v1/leads/${id}`).expect(200)).body;
    expect(page).toMatchObject({
      firstName: '',
      lastName: null,
      email: null,
      phone: null,
      bestTimeToContact: null,
      howDidYouHear: null,
      status: 'attempting_contact',
    });
    expect(page.submissions[0].fields).toBeNull();
    expect(page.notes.map((n: { body: string }) => n.body)).toEqual(['[erased]']);
    expect(page.contactAttempts[0].note).toBeNull();
    expect(page.contactsToConfirm).toEqual([]);
    const list = await as(coordinator).get('/v1/leads').expect(200);
    expect(list.body.items.find((l: { id: string }) => l.id === id).firstName).toBe('');
  });

  async function count(table: string): Promise<number> {
    return Number((await suite.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  }
});
