import { BehaviorSubject, Subject } from 'rxjs';
import { LeadChange } from './lead-change';
import { queueStream, QueueStreamEvent } from './queue-stream';

const ANN = '01970000-0000-7000-8000-0000000000a1';
const BEN = '01970000-0000-7000-8000-0000000000b1';

const change = (ownerId: string | null, previousOwnerId: string | null = null): LeadChange => ({
  leadId: '01970000-0000-7000-8000-000000000001',
  ownerId,
  previousOwnerId,
  version: 3,
  kind: 'lead_changed',
});

describe('queueStream', () => {
  let listening: BehaviorSubject<boolean>;
  let changes: Subject<LeadChange>;
  let seen: QueueStreamEvent[];
  let done: boolean;

  const open = (heartbeatMs = 60_000) => {
    seen = [];
    done = false;
    return queueStream(ANN, listening, changes, heartbeatMs).subscribe({
      next: (e) => seen.push(e),
      complete: () => (done = true),
    });
  };

  beforeEach(() => {
    listening = new BehaviorSubject(true);
    changes = new Subject();
  });
  afterEach(() => jest.useRealTimers());

  it('says ready at once, then passes only the person’s changes', () => {
    const sub = open();
    changes.next(change(ANN));
    changes.next(change(BEN));
    changes.next(change(BEN, ANN));
    changes.next(change(null));
    expect(seen).toEqual([
      { type: 'ready' },
      { type: 'lead', change: change(ANN) },
      { type: 'lead', change: change(BEN, ANN) },
    ]);
    sub.unsubscribe();
  });

  it('waits for the listener before ready, and passes nothing before it', () => {
    listening.next(false);
    const sub = open();
    changes.next(change(ANN));
    expect(seen).toEqual([]);
    listening.next(true);
    changes.next(change(ANN));
    expect(seen).toEqual([{ type: 'ready' }, { type: 'lead', change: change(ANN) }]);
    sub.unsubscribe();
  });

  it('ends when the listener loses its connection, so the client reconnects and refetches', () => {
    open();
    listening.next(false);
    changes.next(change(ANN));
    expect(done).toBe(true);
    expect(seen).toEqual([{ type: 'ready' }]);
  });

  it('ends when the instance shuts down, also before it was ever listening', () => {
    open();
    changes.complete();
    listening.complete();
    expect(done).toBe(true);
    listening = new BehaviorSubject(false);
    changes = new Subject();
    open();
    listening.complete();
    changes.complete();
    expect(done).toBe(true);
  });

  it('sends a heartbeat every interval, also while waiting for the listener', () => {
    jest.useFakeTimers();
    listening.next(false);
    const sub = open(15_000);
    jest.advanceTimersByTime(15_000);
    expect(seen).toEqual([{ type: 'heartbeat' }]);
    listening.next(true);
    jest.advanceTimersByTime(30_000);
    expect(seen).toEqual([
      { type: 'heartbeat' },
      { type: 'ready' },
      { type: 'heartbeat' },
      { type: 'heartbeat' },
    ]);
    sub.unsubscribe();
    jest.advanceTimersByTime(30_000);
    expect(seen).toHaveLength(4);
  });

  it('stops its heartbeats when it ends', () => {
    jest.useFakeTimers();
    open(1_000);
    listening.next(false);
    jest.advanceTimersByTime(5_000);
    expect(seen).toEqual([{ type: 'ready' }]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
