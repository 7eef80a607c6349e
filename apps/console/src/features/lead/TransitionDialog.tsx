import { Alert, Button, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { DISQUALIFY_REASON_LABEL, STATUS_LABEL, words } from '../../lib/labels';
import { DialogFooter, useDialogWrite, type LeadDialogProps } from './dialog-write';

/**
 * Move the lead in the pipeline: only the states the API allows next (`allowedTransitions`);
 * disqualifying asks for the reason.
 */
export function TransitionDialog({ lead, opened, onClose, write, onDone }: LeadDialogProps) {
  const [to, setTo] = useState<string>('');
  const [reason, setReason] = useState<string>('');
  const { busy, error, fields, setFields, run } = useDialogWrite();
  const allowed = lead.allowedTransitions;

  const submit = async () => {
    if (!to) return setFields({ to: 'Choose where the lead goes.' });
    if (to === 'disqualified' && !reason)
      return setFields({ reason: 'Say why the lead is disqualified.' });
    await run(true, async () => {
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
    });
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
        <DialogFooter error={error} onCancel={onClose}>
          <Button onClick={() => void submit()} loading={!!busy} disabled={allowed.length === 0}>
            Move
          </Button>
        </DialogFooter>
      </Stack>
    </Modal>
  );
}
