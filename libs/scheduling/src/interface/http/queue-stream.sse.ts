import type { MessageEvent } from '@nestjs/common';
import type { QueueStreamEvent } from '../../application/watch-queue/queue-stream';

/** Milliseconds an EventSource waits before reconnecting after the stream ends. */
export const RECONNECT_MS = 2000;

/**
 * A queue stream event as Nest writes it (`@Sse()`):
 * - `event: ready` with `retry: 2000` and `data: {}`: listening; refetch the queue now;
 * - `event: lead` with `data: {"leadId","ownerId","previousOwnerId","version","kind"}`;
 * - `: heartbeat`, a comment, which clients ignore and proxies see as traffic.
 * Nest numbers the events (`id:`); the numbers mean nothing across connections.
 */
export function toServerSentEvent(event: QueueStreamEvent): MessageEvent {
  switch (event.type) {
    case 'ready':
      // An event without data is never dispatched by an EventSource.
      return { type: 'ready', retry: RECONNECT_MS, data: {} };
    case 'lead': {
      const { leadId, ownerId, previousOwnerId, version, kind } = event.change;
      return { type: 'lead', data: { leadId, ownerId, previousOwnerId, version, kind } };
    }
    case 'heartbeat':
      return { comment: 'heartbeat' };
  }
}
