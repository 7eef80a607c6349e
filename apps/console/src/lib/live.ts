import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/** `event: lead` of `GET /v1/me/queue/stream` (the issue 12 contract). */
export interface LeadChange {
  leadId: string;
  ownerId: string | null;
  previousOwnerId: string | null;
  version: number;
  kind: string;
}

export type LiveStatus = 'connecting' | 'live' | 'offline';

export const STREAM_URL = '/v1/me/queue/stream';
const MAX_BACKOFF_MS = 60_000;

/**
 * Keeps the queue (and an open lead) current from the server's event stream: refetch on every
 * change and after every (re)connect, so a missed event while away is caught up by the refetch
 * and nothing is shown twice (the list is always the server's). A stream that is missing or
 * refused (an api without it) is retried quietly with backoff; the queue also polls meanwhile.
 */
export function useLiveQueue(enabled: boolean): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const refresh = (leadId?: string) => {
      void client.invalidateQueries({ queryKey: ['queue'] });
      void client.invalidateQueries({ queryKey: ['crisis'] });
      if (leadId) void client.invalidateQueries({ queryKey: ['lead', leadId] });
    };
    // On (re)connect a fetch already in flight (the page's first load) is let finish and shown,
    // then fetched again: it may have read before the server listened. Cancelling it instead
    // would leave the screen empty for both round trips.
    const catchUp = () => {
      for (const queryKey of [['queue'], ['crisis']]) {
        const inFlight =
          client.isFetching({ queryKey }) > 0
            ? client.refetchQueries({ queryKey }, { cancelRefetch: false }) // joins, no new fetch
            : Promise.resolve();
        void inFlight.then(() => client.invalidateQueries({ queryKey }));
      }
    };

    const connect = () => {
      if (stopped) return;
      setStatus('connecting');
      source = new EventSource(STREAM_URL, { withCredentials: true });
      source.addEventListener('ready', () => {
        attempt = 0;
        setStatus('live');
        catchUp();
      });
      source.addEventListener('lead', (event) => {
        try {
          const change = JSON.parse((event as MessageEvent<string>).data) as LeadChange;
          refresh(change.leadId);
        } catch {
          refresh();
        }
      });
      source.onerror = () => {
        // The browser retries an open stream by itself; a closed one (404, 401, 5xx) it leaves.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          setStatus('offline');
          attempt += 1;
          timer = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** attempt));
        } else {
          setStatus('connecting');
        }
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [client, enabled]);

  return enabled && typeof EventSource !== 'undefined' ? status : 'offline';
}
