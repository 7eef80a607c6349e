import { describeChanges, diffLead, type LeadLike } from './conflict';

const base: LeadLike = {
  version: 3,
  status: 'attempting_contact',
  priority: 'normal',
  crisisFlag: false,
  owner: { id: 'o1', name: 'Cora' },
  contactAttemptCount: 1,
  history: [
    { id: 'h1', action: 'submitted', actor: null, changes: {}, occurredAt: '2026-12-01T10:00:00Z' },
    {
      id: 'h2',
      action: 'contact_attempted',
      actor: { id: 'o1', name: 'Cora' },
      changes: {},
      occurredAt: '2026-12-01T10:05:00Z',
    },
  ],
};

describe('diffLead', () => {
  it('names who changed what since my version', () => {
    const current: LeadLike = {
      ...base,
      version: 5,
      status: 'consult_scheduled',
      owner: { id: 'o2', name: 'Cole' },
      history: [
        ...base.history,
        {
          id: 'h4',
          action: 'status_changed',
          actor: { id: 'o2', name: 'Cole' },
          changes: { status: { from: 'contacted', to: 'consult_scheduled' } },
          occurredAt: '2026-12-01T10:09:00Z',
        },
        {
          id: 'h3',
          action: 'assigned',
          actor: { id: 'a1', name: 'Ada' },
          changes: { owner: { from: 'o1', to: 'o2' } },
          occurredAt: '2026-12-01T10:08:00Z',
        },
      ],
    };
    const c = diffLead(base, current);
    expect(c.fromVersion).toBe(3);
    expect(c.toVersion).toBe(5);
    expect(c.entries.map((e) => e.id)).toEqual(['h3', 'h4']); // oldest first
    expect(c.by).toEqual(['Ada', 'Cole']);
    expect(c.fields).toEqual([
      { field: 'status', from: 'attempting_contact', to: 'consult_scheduled' },
      { field: 'owner', from: { id: 'o1', name: 'Cora' }, to: { id: 'o2', name: 'Cole' } },
    ]);
  });

  it('finds nothing when nothing changed', () => {
    const c = diffLead(base, { ...base });
    expect(c.entries).toEqual([]);
    expect(c.fields).toEqual([]);
    expect(c.by).toEqual([]);
  });

  it('says the website when a new request changed the lead', () => {
    const current = {
      ...base,
      version: 4,
      priority: 'urgent',
      crisisFlag: true,
      history: [
        ...base.history,
        {
          id: 'h5',
          action: 'resubmitted',
          actor: null,
          changes: {},
          occurredAt: '2026-12-01T11:00:00Z',
        },
      ],
    };
    const c = diffLead(base, current);
    expect(c.by).toEqual(['the website']);
    expect(c.fields.map((f) => f.field)).toEqual(['priority', 'crisisFlag']);
  });
});

describe('describeChanges', () => {
  it('reads as words', () => {
    expect(
      describeChanges({
        status: { from: 'contacted', to: 'consult_scheduled' },
        crisisFlag: { from: true, to: false },
      }),
    ).toBe('status: contacted → consult scheduled; crisisFlag: yes → no');
  });

  it("names owners from the lead detail's staff names", () => {
    const cora = '0190f2b0-5d6e-7f80-a003-0a1b2c3d4e10';
    const gone = '0190f2b0-5d6e-7f80-a003-0a1b2c3d4e11';
    expect(
      describeChanges({ ownerId: { from: null, to: cora } }, { [cora]: 'Cora Coordinator' }),
    ).toBe('owner: — → Cora Coordinator');
    expect(describeChanges({ ownerId: { from: cora, to: gone } }, { [cora]: 'Cora' })).toBe(
      `owner: Cora → ${gone}`,
    );
  });
});
