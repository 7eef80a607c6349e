import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { filtersToQuery, type LeadFilters } from '../../lib/lead-filters';

/** The leads list for these filters, a page at a time; for the page and for the route's loader. */
export function leadsQuery(filters: LeadFilters) {
  const query = filtersToQuery(filters);
  return infiniteQueryOptions({
    queryKey: ['leads', query],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/v1/leads', {
          params: { query: filtersToQuery(filters, pageParam) },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}
