import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type InfiniteData,
} from '@tanstack/react-query';
import { useEffect } from 'react';
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
 * My whole queue: the first page (the top 200, each row with its lead's name, interest and zone)
 * is shown as soon as it comes, the next pages are fetched after it, one by one, up to QUEUE_MAX.
 * A refetch (the live stream, the poll) reads them again in order, each after the cursor the new
 * page before it gave.
 */
function wholeQueue(data: InfiniteData<MyQueuePage>): MyQueue {
  return { total: data.pages[0]?.total ?? 0, items: data.pages.flatMap((page) => page.items) };
}

/** My queue's query, for the page and for the route's loader (which starts it early). */
export const myQueueQuery = infiniteQueryOptions({
  queryKey: ['queue', 'items'],
  refetchInterval: POLL_MS,
  initialPageParam: null as string | null,
  getNextPageParam: (last: MyQueuePage, all: MyQueuePage[]) =>
    all.length < QUEUE_MAX / QUEUE_PAGE ? last.nextCursor : null,
  queryFn: async ({ pageParam, signal }): Promise<MyQueuePage> =>
    unwrap(
      await api.GET('/v1/me/queue', {
        params: { query: { limit: QUEUE_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        signal,
      }),
    ),
});

export function useMyQueue() {
  const query = useInfiniteQuery({ ...myQueueQuery, select: wholeQueue });
  const { hasNextPage, isFetching, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetching) void fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage]);
  return query;
}

/** Every open crisis-flagged lead: pinned above the queue, whoever owns it. */
export const crisisLeadsQuery = queryOptions({
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

export function useCrisisLeads() {
  return useQuery(crisisLeadsQuery);
}
