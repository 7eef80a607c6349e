import { concerns, LeadChange, parseLeadChange } from './lead-change';

const LEAD = '01970000-0000-7000-8000-000000000001';
const ANN = '01970000-0000-7000-8000-0000000000a1';
const BEN = '01970000-0000-7000-8000-0000000000b1';

describe('parseLeadChange', () => {
  it('reads what the triggers send (json_build_object spacing included)', () => {
    const payload = `{"leadId" : "${LEAD}", "ownerId" : "${ANN}", "previousOwnerId" : null, "version" : 4, "kind" : "assigned"}`;
    expect(parseLeadChange(payload)).toEqual({
      leadId: LEAD,
      ownerId: ANN,
      previousOwnerId: null,
      version: 4,
      kind: 'assigned',
    });
  });

  it('keeps only the five fields, whatever else a payload carries', () => {
    const change = parseLeadChange(
      JSON.stringify({
        leadId: LEAD,
        ownerId: null,
        previousOwnerId: BEN,
        version: null,
        kind: 'follow_up_changed',
        firstName: 'Ann',
        email: 'ann@example.com',
      }),
    );
    expect(change).toEqual({
      leadId: LEAD,
      ownerId: null,
      previousOwnerId: BEN,
      version: null,
      kind: 'follow_up_changed',
    });
    expect(Object.keys(change!)).toHaveLength(5);
  });

  it.each([
    ['not JSON', 'lead changed'],
    ['an empty payload', ''],
    ['a JSON array', '[]'],
    ['a missing lead id', JSON.stringify({ ownerId: ANN, kind: 'assigned', version: 1 })],
    ['a lead id that is not a uuid', JSON.stringify({ leadId: 'Ann Smith', kind: 'assigned' })],
    [
      'an owner that is not a uuid',
      JSON.stringify({ leadId: LEAD, ownerId: 'x', kind: 'assigned' }),
    ],
    [
      'a version that is not an integer',
      JSON.stringify({ leadId: LEAD, version: '3', kind: 'assigned' }),
    ],
    ['an unknown kind', JSON.stringify({ leadId: LEAD, version: 1, kind: 'deleted' })],
  ])('drops %s', (_what, payload) => {
    expect(parseLeadChange(payload)).toBeNull();
  });
});

describe('concerns', () => {
  const change = (ownerId: string | null, previousOwnerId: string | null): LeadChange => ({
    leadId: LEAD,
    ownerId,
    previousOwnerId,
    version: 2,
    kind: 'assigned',
  });

  it('is the owner’s and the previous owner’s, nobody else’s', () => {
    expect(concerns(change(ANN, BEN), ANN)).toBe(true);
    expect(concerns(change(ANN, BEN), BEN)).toBe(true);
    expect(concerns(change(ANN, null), BEN)).toBe(false);
    expect(concerns(change(null, null), ANN)).toBe(false);
  });
});
