import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { LeadEvent } from '../../domain/lead';
import { LeadReactionsModule } from '../../lead-reactions.module';
import {
  LeadChangeSubscriber,
  LeadReactions,
  LeadReactionsNotDeclaredError,
  LeadReactionsTooDeepError,
  MAX_REACTION_DEPTH,
} from './lead-reactions';

const event = (kind: LeadEvent['kind']) => ({ kind }) as unknown as LeadEvent;

/** Each subscriber writes down what it saw, in order, into one shared log. */
const seen: string[] = [];

@Injectable()
class First implements LeadChangeSubscriber {
  onLeadChanged(events: readonly LeadEvent[]): Promise<void> {
    seen.push(`first:${events.map((e) => e.kind).join('+')}`);
    return Promise.resolve();
  }
}

@Injectable()
class Second implements LeadChangeSubscriber {
  onLeadChanged(events: readonly LeadEvent[]): Promise<void> {
    seen.push(`second:${events.map((e) => e.kind).join('+')}`);
    return Promise.resolve();
  }
}

/** Changes the lead again on every change it sees, `times` levels deep: a reaction loop. */
@Injectable()
class Repeater implements LeadChangeSubscriber {
  times = 0;
  constructor(private readonly reactions: LeadReactions) {}

  async onLeadChanged(): Promise<void> {
    if (this.times-- <= 0) return;
    await this.reactions.run([event('status_changed')]);
  }
}

async function reactionsWith(declared: Parameters<typeof LeadReactionsModule.forRoot>[0] | null) {
  const module = await Test.createTestingModule({
    imports: declared ? [LeadReactionsModule.forRoot(declared)] : [],
    providers: [LeadReactions, First, Second, Repeater],
  }).compile();
  await module.init();
  return module;
}

describe('LeadReactions', () => {
  beforeEach(() => seen.splice(0));

  it('runs the declared subscribers, in the declared order, each with the change’s events', async () => {
    const module = await reactionsWith([Second, First]);
    await module.get(LeadReactions).run([event('contact_attempted'), event('status_changed')]);
    expect(seen).toEqual([
      'second:contact_attempted+status_changed',
      'first:contact_attempted+status_changed',
    ]);
  });

  it('runs nothing it was not told to, and says which it was told', async () => {
    const module = await reactionsWith([First]);
    await module.get(LeadReactions).run([event('assigned')]);
    expect(seen).toEqual(['first:assigned']);
    expect(module.get(LeadReactions).declares(First)).toBe(true);
    expect(module.get(LeadReactions).declares(Second)).toBe(false);
  });

  it('does not start in a process that never said who reacts', async () => {
    await expect(reactionsWith(null)).rejects.toThrow(LeadReactionsNotDeclaredError);
  });

  it('does not start when a declared subscriber is provided by no module', async () => {
    @Injectable()
    class Nowhere implements LeadChangeSubscriber {
      onLeadChanged(): Promise<void> {
        return Promise.resolve();
      }
    }
    await expect(reactionsWith([Nowhere])).rejects.toThrow(/Nowhere/);
  });

  it(`lets changes nest ${MAX_REACTION_DEPTH} deep, and fails the next naming the chain`, async () => {
    const module = await reactionsWith([Repeater]);
    const repeater = module.get(Repeater);
    repeater.times = MAX_REACTION_DEPTH - 1;
    await expect(module.get(LeadReactions).run([event('assigned')])).resolves.toBeUndefined();

    repeater.times = MAX_REACTION_DEPTH;
    const loop = module.get(LeadReactions).run([event('assigned')]);
    await expect(loop).rejects.toThrow(LeadReactionsTooDeepError);
    await expect(loop).rejects.toThrow(
      `assigned → status_changed → status_changed → status_changed`,
    );
  });

  it('starts each change that is not nested at depth one', async () => {
    const module = await reactionsWith([Repeater]);
    const repeater = module.get(Repeater);
    for (let i = 0; i < MAX_REACTION_DEPTH + 2; i += 1) {
      repeater.times = MAX_REACTION_DEPTH - 1;
      await module.get(LeadReactions).run([event('assigned')]);
    }
    expect(repeater.times).toBe(-1);
  });
});
