import { toServerSentEvent } from './queue-stream.sse';

describe('toServerSentEvent', () => {
  it('writes ready with the reconnect delay and data an EventSource dispatches', () => {
    expect(toServerSentEvent({ type: 'ready' })).toEqual({ type: 'ready', retry: 2000, data: {} });
  });

  it('writes a lead change as the contract’s five fields, nothing else', () => {
    const change = {
      leadId: '01970000-0000-7000-8000-000000000001',
      ownerId: '01970000-0000-7000-8000-0000000000a1',
      previousOwnerId: null,
      version: 7,
      kind: 'follow_up_changed' as const,
    };
    const event = toServerSentEvent({
      type: 'lead',
      change: { ...change, firstName: 'Ann' } as typeof change,
    });
    expect(event).toEqual({ type: 'lead', data: change });
  });

  it('writes the heartbeat as a comment', () => {
    expect(toServerSentEvent({ type: 'heartbeat' })).toEqual({ comment: 'heartbeat' });
  });
});
