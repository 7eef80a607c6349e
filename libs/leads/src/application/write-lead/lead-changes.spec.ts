import { OutboxWriter } from '@intake/events';
import { IdGenerator } from '@intake/platform';
import { LeadState } from '../../domain/lead';
import { ConsentLedgerRepository } from '../../infrastructure/consent-ledger.repository';
import { LeadRecordsRepository } from '../../infrastructure/lead-records.repository';
import { LeadReactions } from '../react-to-changes/lead-reactions';
import { LeadChanges } from './lead-changes';

const state = (id: string, version: number, status = 'new') =>
  ({ id, version, status }) as unknown as LeadState;

/**
 * What the lead change's reactions do: each entry is one level, saving these states through
 * `LeadChanges.record` as `LeadAutomation` does (and so running the next level's reactions).
 */
let levels: Array<Array<Readonly<LeadState>>>;

describe('LeadChanges.record', () => {
  let changes: LeadChanges;

  beforeEach(() => {
    levels = [];
    const reactions = {
      run: async () => {
        const saves = levels.shift() ?? [];
        for (const saved of saves) await changes.record(null, saved, [], null);
      },
    };
    changes = new LeadChanges(
      { appendHistory: async () => {} } as unknown as LeadRecordsRepository,
      { append: async () => {} } as unknown as ConsentLedgerRepository,
      { append: async () => {} } as unknown as OutboxWriter,
      { next: () => 'id' } as unknown as IdGenerator,
      reactions as unknown as LeadReactions,
    );
  });

  it('returns the lead as saved when no reaction changes it', async () => {
    const after = state('lead-1', 2);
    await expect(changes.record(state('lead-1', 1), after, [], null)).resolves.toBe(after);
  });

  it('returns the lead as a reaction saved it again', async () => {
    const closed = state('lead-1', 3, 'unresponsive');
    levels = [[closed]];
    await expect(changes.record(null, state('lead-1', 2), [], null)).resolves.toBe(closed);
  });

  it('returns the last save of the lead, however deep the reactions nest', async () => {
    const deepest = state('lead-1', 4, 'unresponsive');
    levels = [[state('lead-1', 3, 'attempting_contact')], [deepest]];
    await expect(changes.record(null, state('lead-1', 2), [], null)).resolves.toBe(deepest);
  });

  it('ignores what reactions save of other leads', async () => {
    const after = state('lead-1', 2);
    levels = [[state('lead-2', 7)]];
    await expect(changes.record(null, after, [], null)).resolves.toBe(after);
  });
});
