import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type AlertSettings = Schemas['AlertSettingsResponse'];
export type AlertSettingsInput = Schemas['AlertSettingsDto'];
export type AlertKind = AlertSettings['kinds'][number];

const KEY = ['me', 'alert-settings'];

/** My alert settings (the defaults until I choose). */
export function useMyAlertSettings() {
  return useQuery({
    queryKey: KEY,
    queryFn: async ({ signal }) => unwrap(await api.GET('/v1/me/alert-settings', { signal })),
  });
}

/** Replaces them; the cache takes what the server answered. */
export function useSaveAlertSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: AlertSettingsInput) =>
      unwrap(await api.PUT('/v1/me/alert-settings', { body })),
    onSuccess: (saved) => client.setQueryData(KEY, saved),
  });
}

/** What each kind is, in the words the screen uses. Pages are not a choice. */
export const KIND_LABELS: Record<AlertKind, string> = {
  lead_assigned: 'A lead is assigned to me',
  escalated_to_me: 'A lead is escalated to me',
  follow_up_due: 'My follow-up is due',
  follow_up_overdue: 'My follow-up is overdue',
  lead_waiting: 'A lead is waiting with nobody available (admins)',
  webhook_disabled: 'A webhook was turned off after failing (admins)',
  crisis_page: 'Crisis pages (always sent, on every channel)',
};
