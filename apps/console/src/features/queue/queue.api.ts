import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Lead, type QueueItem } from '../../api/client';
import { OPEN_STATUSES } from '../../lib/lead-filters';

export const QUEUE_LIMIT = 200;
/** Without the live stream (an api without it, a proxy that drops it) the queue still refreshes. */
export const POLL_MS = 30_000;

export function useMyQueue() {
  return useQuery({
    queryKey: ['queue', 'items'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/me/queue', { params: { query: { limit: QUEUE_LIMIT } } })),
    refetchInterval: POLL_MS,
  });
}

/**
 * The leads behind the queue's follow-ups (name, interest, state, crisis flag). The queue names
 * only lead ids; one list request for the leads I own covers it (a follow-up's assignee is the
 * lead's owner), and any left over (a follow-up not yet moved with its lead) are read one by one.
 */
export function useQueueLeads(items: QueueItem[] | undefined) {
  const ids = [...new Set((items ?? []).map((i) => i.leadId))].sort();
  return useQuery({
    queryKey: ['queue', 'leads', ids],
    enabled: items !== undefined,
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const found = new Map<string, Lead>();
      const wanted = new Set(ids);
      let cursor: string | undefined;
      for (let page = 0; page < 5 && [...wanted].some((id) => !found.has(id)); page++) {
        const data = unwrap(
          await api.GET('/v1/leads', {
            params: {
              query: {
                ownerId: 'me',
                status: [...OPEN_STATUSES],
                sort: 'priority',
                limit: 100,
                ...(cursor ? { cursor } : {}),
              },
            },
          }),
        );
        for (const lead of data.items) if (wanted.has(lead.id)) found.set(lead.id, lead);
        if (!data.nextCursor) break;
        cursor = data.nextCursor;
      }
      const missing = ids.filter((id) => !found.has(id));
      const extra = await Promise.all(
        missing.map(async (leadId) => {
          const res = await api.GET('/v1/leads/{leadId}', { params: { path: { leadId } } });
          return res.data ?? null;
        }),
      );
      for (const lead of extra) if (lead) found.set(lead.id, lead);
      return found;
    },
  });
}

/** Every open crisis-flagged lead: pinned above the queue, whoever owns it. */
export function useCrisisLeads() {
  return useQuery({
    queryKey: ['crisis'],
    refetchInterval: POLL_MS,
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/leads', {
          params: {
            query: { crisisFlag: true, status: [...OPEN_STATUSES], sort: 'priority', limit: 50 },
          },
        }),
      ).items,
  });
}
