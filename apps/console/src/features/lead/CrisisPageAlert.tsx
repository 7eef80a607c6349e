import { Alert, Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../lib/time';

/**
 * An open crisis page on this lead: who can act acknowledges it here, which stops the escalation.
 * Opened from the page's alert (`?ack=<pageId>`), it says so and offers the button first; the
 * link itself changes nothing (a link opened by a mail scanner must not acknowledge).
 */
export function CrisisPageAlert({
  leadId,
  canAcknowledge,
}: {
  leadId: string;
  canAcknowledge: boolean;
}) {
  const client = useQueryClient();
  const [params] = useSearchParams();
  const fromAlert = params.get('ack');
  const pages = useQuery({
    queryKey: ['lead', leadId, 'crisis-pages'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/crisis/pages', { params: { query: { leadId } } })).items,
  });
  const acknowledge = useMutation({
    mutationFn: async (pageId: string) =>
      unwrap(
        await api.POST('/v1/crisis/pages/{pageId}/acknowledge', {
          params: { path: { pageId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['lead', leadId] }),
  });

  const open = pages.data?.find((p) => p.status === 'open');
  const mine = pages.data?.find((p) => p.id === fromAlert);
  if (!open) {
    if (mine && mine.status === 'acknowledged' && mine.acknowledgedAt) {
      return (
        <Alert color="teal" role="status" title="Crisis page acknowledged">
          Acknowledged {formatDateTime(mine.acknowledgedAt)}; escalation has stopped.
        </Alert>
      );
    }
    return null;
  }
  return (
    <Alert
      color="red"
      variant="light"
      title={open.id === fromAlert ? 'You were paged about this lead' : 'Crisis page open'}
      data-testid="crisis-page"
    >
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          Nobody has acknowledged it yet (paged {formatDateTime(open.openedAt)}; the next person is
          paged {formatDateTime(open.escalateAt)}).
        </Text>
        {canAcknowledge && (
          <Button
            color="red"
            autoFocus={open.id === fromAlert}
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(open.id)}
          >
            Acknowledge crisis page
          </Button>
        )}
      </Group>
      {acknowledge.isError && (
        <Text size="sm" c="red" role="alert">
          {acknowledge.error.message}
        </Text>
      )}
    </Alert>
  );
}
