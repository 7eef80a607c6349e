import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type QueueItem, type Schemas } from '../../api/client';
import { OPEN_STATUSES } from '../../lib/lead-filters';

/** The API's largest page. */
export const QUEUE_PAGE = 200;
/** A queue longer than this is shown in part, and the heading says so. */
export const QUEUE_MAX = 2_000;
/** Without the live stream (an api without it, a proxy that drops it) the queue still refreshes. */
export const POLL_MS = 30_000;

type MyQueuePage = Schemas['QueueResponse'];

export interface MyQueue {
  total: number;
  items: QueueItem[];
}

/**
 * My whole queue, page after page (each row carries its lead's name, interest and zone, so one
 * request per 200 rows is all the screen needs).
 */
export function useMyQueue() {
  return useQuery({
    queryKey: ['queue', 'items'],
    refetchInterval: POLL_MS,
    queryFn: async ({ signal }): Promise<MyQueue> => {
      const items: QueueItem[] = [];
      for (let cursor: string | null = null; ;) {
        const page: MyQueuePage = unwrap(
          await api.GET('/v1/me/queue', {
            params: { query: { limit: QUEUE_PAGE, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        items.push(...page.items);
        if (!page.nextCursor || items.length >= QUEUE_MAX) return { total: page.total, items };
        cursor = page.nextCursor;
      }
    },
  });
}

/** Every open crisis-flagged lead: pinned above the queue, whoever owns it. */
export function useCrisisLeads() {
  return useQuery({
    queryKey: ['crisis'],
    refetchInterval: POLL_MS,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/v1/leads', {
          params: {
            query: { crisisFlag: true, status: [...OPEN_STATUSES], sort: 'priority', limit: 50 },
          },
          signal,
        }),
      ).items,
  });
}
