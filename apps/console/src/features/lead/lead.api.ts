import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, ApiError, ifMatch, unwrap, type LeadDetail } from '../../api/client';
import { diffLead, type Conflict, type LeadLike } from '../../lib/conflict';

export function useLead(leadId: string) {
  return useQuery({
    queryKey: ['lead', leadId, 'detail'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/leads/{leadId}', { params: { path: { leadId } } })),
  });
}

export function useFollowUps(leadId: string) {
  return useQuery({
    queryKey: ['lead', leadId, 'follow-ups'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/leads/{leadId}/follow-ups', { params: { path: { leadId } } }))
        .items,
  });
}

export function useExplanation(leadId: string) {
  return useQuery({
    queryKey: ['lead', leadId, 'explanation'],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/leads/{leadId}/assignment-explanation', {
          params: { path: { leadId } },
        }),
      ),
  });
}

/** A write refused as stale: the conflict dialog is showing what changed. */
export class ConflictShown extends Error {
  constructor() {
    super('Someone else changed this lead first. Review their change, then try again.');
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

export interface ConflictState {
  conflict: Conflict;
  current: LeadDetail;
}

/**
 * Every write on a lead goes through here: it carries If-Match with the version on screen. A
 * 412 never overwrites: the lead is read again, the change since our version is shown (who, what)
 * and the person chooses to reload; what they typed stays in their dialog.
 */
export function useLeadWriter(lead: LeadDetail | undefined) {
  const client = useQueryClient();
  const [conflict, setConflict] = useState<ConflictState | null>(null);

  const refresh = useCallback(
    async (leadId: string) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['lead', leadId] }),
        client.invalidateQueries({ queryKey: ['queue'] }),
        client.invalidateQueries({ queryKey: ['crisis'] }),
        client.invalidateQueries({ queryKey: ['leads'] }),
      ]);
    },
    [client],
  );

  const write = useCallback(
    async <T>(run: (headers: { 'If-Match': string }) => Promise<Result<T>>): Promise<T> => {
      if (!lead) throw new Error('The lead is not loaded yet.');
      const result = await run(ifMatch(lead.version));
      if (result.response.status === 412) {
        const current = unwrap(
          await api.GET('/v1/leads/{leadId}', { params: { path: { leadId: lead.id } } }),
        );
        setConflict({
          conflict: diffLead(lead as unknown as LeadLike, current as unknown as LeadLike),
          current,
        });
        throw new ConflictShown();
      }
      const data = unwrap(result);
      await refresh(lead.id);
      return data;
    },
    [lead, refresh],
  );

  const reload = useCallback(() => {
    if (!conflict) return;
    client.setQueryData(['lead', conflict.current.id, 'detail'], conflict.current);
    void refresh(conflict.current.id);
    setConflict(null);
  }, [client, conflict, refresh]);

  return { write, conflict, reload };
}

/** The lead writer's `write`, as the lead page hands it to its sections and dialogs. */
export type LeadWrite = ReturnType<typeof useLeadWriter>['write'];

/** A message for an error from a write, or null when the conflict dialog already explains it. */
export function writeErrorMessage(error: unknown): string | null {
  if (error instanceof ConflictShown) return null;
  if (error instanceof ApiError) {
    if (error.status === 403) return `${error.message} Ask the lead's owner or an admin.`;
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong; try again.';
}
