import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, OnModuleInit, Optional, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { LeadEvent } from '../../domain/lead';

/**
 * A context that keeps its own records in step with a lead, in the lead change's transaction
 * (scheduling: the routing queue and the follow-ups). It may change the lead again through
 * leads' own operations (`LeadAutomation`), which runs the subscribers again, one level deeper.
 */
export interface LeadChangeSubscriber {
  onLeadChanged(events: readonly LeadEvent[]): Promise<void>;
}

/** The subscribers a process declares, in the order they run. */
export const LEAD_CHANGE_SUBSCRIBERS = Symbol('LEAD_CHANGE_SUBSCRIBERS');

/**
 * How deep lead changes may nest: a person's change (1) may make scheduling end the cadence (2),
 * whose status change scheduling answers without changing the lead again. A third level is a
 * loop, and the transaction fails naming the chain.
 */
export const MAX_REACTION_DEPTH = 3;

export class LeadReactionsNotDeclaredError extends Error {
  constructor() {
    super(
      'This process loads LeadsModule but does not say who reacts to lead changes: import ' +
        'LeadReactionsModule.forRoot([...]) where it is composed (SchedulingReactions wherever ' +
        'leads are written; see docs/architecture.md).',
    );
  }
}

export class LeadReactionsTooDeepError extends Error {
  constructor(chain: readonly string[]) {
    super(
      `Lead changes nested ${chain.length} deep (${chain.join(' → ')}): a reaction keeps ` +
        `changing the lead it reacts to (the limit is ${MAX_REACTION_DEPTH}).`,
    );
  }
}

/**
 * Runs the declared subscribers inside the transaction of every lead change, so a 2xx for a
 * contact attempt also means its next follow-up is committed. Leads knows the subscribers only
 * as the composition declared them; each is the instance its own module provides.
 */
@Injectable()
export class LeadReactions implements OnModuleInit {
  private subscribers: LeadChangeSubscriber[] = [];
  /** The event kinds of the changes this one is nested in (in this async context). */
  private readonly chain = new AsyncLocalStorage<readonly string[]>();

  constructor(
    private readonly modules: ModuleRef,
    @Optional()
    @Inject(LEAD_CHANGE_SUBSCRIBERS)
    private readonly declared: readonly Type<LeadChangeSubscriber>[] | undefined,
  ) {}

  /**
   * Every provider exists by now. A process that declared nothing, or a subscriber no module
   * provides, stops the start.
   */
  onModuleInit(): void {
    if (!this.declared) throw new LeadReactionsNotDeclaredError();
    this.subscribers = this.declared.map((type) => this.modules.get(type, { strict: false }));
  }

  /** Whether this process declared `type` (a context that must see every change checks it). */
  declares(type: Type<LeadChangeSubscriber>): boolean {
    return (this.declared ?? []).includes(type);
  }

  async run(events: readonly LeadEvent[]): Promise<void> {
    if (events.length === 0 || this.subscribers.length === 0) return;
    const chain = [...(this.chain.getStore() ?? []), events.map((e) => e.kind).join('+')];
    if (chain.length > MAX_REACTION_DEPTH) throw new LeadReactionsTooDeepError(chain);
    await this.chain.run(chain, async () => {
      for (const subscriber of this.subscribers) await subscriber.onLeadChanged(events);
    });
  }
}
