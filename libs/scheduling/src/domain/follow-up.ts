import { AggregateRoot } from '@intake/kernel';
import { Priority } from './scheduling-settings';

export const FOLLOW_UP_KINDS = ['first_contact', 'retry', 'callback', 'consult_reminder'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export type FollowUpStatus = 'open' | 'completed' | 'cancelled';

export const RESCHEDULE_REASONS = [
  'patient_request',
  'coordinator_unavailable',
  'awaiting_information',
  'other',
] as const;
export type RescheduleReason = (typeof RESCHEDULE_REASONS)[number];

export type ScheduleCause =
  'assignment' | 'cadence' | 'callback' | 'reopened' | 'manual' | 'rescheduled' | 'reassigned';

/** `reached`: the lead moved on to a reached state without an attempt recorded. */
export type CancelReason = 'lead_closed' | 'replaced' | 'reached';

export interface FollowUpState {
  id: string;
  leadId: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  dueAt: Date;
  slaDeadline: Date;
  assigneeId: string | null;
  /** The contact attempt this follow-up is for, counted along the cadence from 1. */
  attempt: number;
  priority: Priority;
  dueNotifiedAt: Date | null;
  overdueAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  outcome: string | null;
  attemptId: string | null;
  cancelReason: CancelReason | null;
  rescheduleReason: RescheduleReason | null;
}

interface Base {
  followUp: Readonly<FollowUpState>;
  at: Date;
}

export type FollowUpEvent = Base &
  (
    | { kind: 'scheduled'; cause: ScheduleCause }
    | { kind: 'due' }
    | { kind: 'overdue'; reassigned: boolean }
    | { kind: 'completed'; onTime: boolean }
    | { kind: 'cancelled' }
  );

export interface NewFollowUp {
  id: string;
  leadId: string;
  kind: FollowUpKind;
  dueAt: Date;
  slaDeadline: Date;
  assigneeId: string | null;
  attempt: number;
  priority: Priority;
}

/** The next thing to do for a lead. At most one is open per lead (a unique index says so too). */
export class FollowUp extends AggregateRoot<FollowUpEvent> {
  private constructor(private state: FollowUpState) {
    super();
  }

  static restore(state: FollowUpState): FollowUp {
    return new FollowUp({ ...state });
  }

  static schedule(input: NewFollowUp, cause: ScheduleCause, at: Date): FollowUp {
    const followUp = new FollowUp({
      ...input,
      status: 'open',
      dueNotifiedAt: null,
      overdueAt: null,
      createdAt: at,
      closedAt: null,
      outcome: null,
      attemptId: null,
      cancelReason: null,
      rescheduleReason: null,
    });
    followUp.raise({ kind: 'scheduled', cause, followUp: followUp.state, at });
    return followUp;
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): Readonly<FollowUpState> {
    return this.state;
  }

  get isOpen(): boolean {
    return this.state.status === 'open';
  }

  /** A contact attempt did what the follow-up asked; on time if before the SLA deadline. */
  complete(attemptId: string, outcome: string, at: Date): void {
    this.requireOpen();
    this.state = { ...this.state, status: 'completed', closedAt: at, attemptId, outcome };
    const onTime = at.getTime() <= this.state.slaDeadline.getTime();
    this.raise({ kind: 'completed', onTime, followUp: this.state, at });
  }

  cancel(reason: CancelReason, at: Date): void {
    this.requireOpen();
    this.state = { ...this.state, status: 'cancelled', closedAt: at, cancelReason: reason };
    this.raise({ kind: 'cancelled', followUp: this.state, at });
  }

  /**
   * Moves the due time by hand. A first contact keeps its SLA deadline (the promise runs from the
   * request); other kinds get `slaDeadline` measured from the new due time.
   */
  reschedule(dueAt: Date, slaDeadline: Date, reason: RescheduleReason, at: Date): void {
    this.requireOpen();
    const deadline = this.state.kind === 'first_contact' ? this.state.slaDeadline : slaDeadline;
    this.state = {
      ...this.state,
      dueAt,
      slaDeadline: deadline,
      dueNotifiedAt: null,
      overdueAt: deadline.getTime() > at.getTime() ? null : this.state.overdueAt,
      rescheduleReason: reason,
    };
    this.raise({ kind: 'scheduled', cause: 'rescheduled', followUp: this.state, at });
  }

  /** The lead changed hands; the follow-up goes with it, and says so. */
  reassign(assigneeId: string | null, at: Date): void {
    if (assigneeId === this.state.assigneeId) return;
    this.state = { ...this.state, assigneeId };
    this.raise({ kind: 'scheduled', cause: 'reassigned', followUp: this.state, at });
  }

  /** Keeps the queue's order in step with the lead; a first contact's deadline only tightens. */
  reprioritize(priority: Priority, deadlineAtNewPriority: Date | null): void {
    const tighter =
      deadlineAtNewPriority !== null &&
      this.state.kind === 'first_contact' &&
      deadlineAtNewPriority.getTime() < this.state.slaDeadline.getTime();
    this.state = {
      ...this.state,
      priority,
      slaDeadline: tighter ? deadlineAtNewPriority : this.state.slaDeadline,
    };
  }

  markDue(at: Date): void {
    if (!this.isOpen || this.state.dueNotifiedAt !== null) return;
    this.state = { ...this.state, dueNotifiedAt: at };
    this.raise({ kind: 'due', followUp: this.state, at });
  }

  markOverdue(reassigned: boolean, at: Date): void {
    if (!this.isOpen || this.state.overdueAt !== null) return;
    this.state = { ...this.state, overdueAt: at };
    this.raise({ kind: 'overdue', reassigned, followUp: this.state, at });
  }

  private requireOpen(): void {
    if (!this.isOpen) throw new Error(`Follow-up ${this.state.id} is ${this.state.status}`);
  }
}
