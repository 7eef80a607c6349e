import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError, type LeadDetail } from '../../api/client';
import { DISQUALIFY_REASON_LABEL, STATUS_LABEL, words } from '../../lib/labels';
import { writeErrorMessage, type useLeadWriter } from './lead.api';

type Writer = ReturnType<typeof useLeadWriter>['write'];

/**
 * Move the lead in the pipeline: only the states the API allows next (`allowedTransitions`);
 * disqualifying asks for the reason.
 */
export function TransitionDialog({
  lead,
  opened,
  onClose,
  write,
  onDone,
}: {
  lead: LeadDetail;
  opened: boolean;
  onClose: () => void;
  write: Writer;
  onDone: (message: string) => void;
}) {
  const [to, setTo] = useState<string>('');
  const [reason, setReason] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const allowed = lead.allowedTransitions;

  const submit = async () => {
    if (!to) return setFields({ to: 'Choose where the lead goes.' });
    if (to === 'disqualified' && !reason)
      return setFields({ reason: 'Say why the lead is disqualified.' });
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await write((headers) =>
        api.POST('/v1/leads/{leadId}/transitions', {
          params: { path: { leadId: lead.id } },
          headers,
          body: {
            to: to as 'contacted',
            ...(to === 'disqualified' ? { reason: reason as 'other' } : {}),
          },
        }),
      );
      onDone(`Moved to ${STATUS_LABEL[to] ?? words(to)}.`);
      setTo('');
      setReason('');
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setFields(e.fields);
      setError(writeErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Move in the pipeline">
      <Stack>
        <Text size="sm">
          Now: <b>{STATUS_LABEL[lead.status] ?? words(lead.status)}</b>
        </Text>
        {allowed.length === 0 ? (
          <Alert color="gray">A converted lead is final: it moves nowhere.</Alert>
        ) : (
          <Radio.Group label="Move to" value={to} onChange={setTo} error={fields.to} required>
            <Stack gap={6} mt={6}>
              {allowed.map((s, i) => (
                <Radio
                  key={s}
                  value={s}
                  label={STATUS_LABEL[s] ?? words(s)}
                  data-autofocus={i === 0 || undefined}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {to === 'disqualified' && (
          <Radio.Group
            label="Why?"
            value={reason}
            onChange={setReason}
            error={fields.reason}
            required
          >
            <Stack gap={6} mt={6}>
              {Object.entries(DISQUALIFY_REASON_LABEL).map(([value, label]) => (
                <Radio key={value} value={value} label={label} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={allowed.length === 0}>
            Move
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
