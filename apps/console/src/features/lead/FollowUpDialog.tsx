import { Button, Group, Modal, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, type FollowUp } from '../../api/client';
import { RESCHEDULE_REASON_LABEL } from '../../lib/labels';
import { fromLocalInput, toLocalInput } from '../../lib/time';
import { DialogFooter, useDialogWrite, type LeadDialogProps } from './dialog-write';

const PRESETS: { label: string; at: (now: Date) => Date }[] = [
  { label: 'In 1 hour', at: (now) => new Date(now.getTime() + 3_600_000) },
  { label: 'In 3 hours', at: (now) => new Date(now.getTime() + 3 * 3_600_000) },
  {
    label: 'Tomorrow 10:00',
    at: (now) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 10, 0),
  },
];

/**
 * Snooze or move the open follow-up (with a reason), or put a callback or consult reminder in
 * its place.
 */
export function FollowUpDialog({
  lead,
  open,
  opened,
  onClose,
  write,
  onDone,
}: LeadDialogProps & { open: FollowUp | null }) {
  const [mode, setMode] = useState<'reschedule' | 'callback' | 'consult_reminder'>(
    open ? 'reschedule' : 'callback',
  );
  const [dueAt, setDueAt] = useState(() => toLocalInput(new Date(Date.now() + 3_600_000)));
  const [reason, setReason] = useState<string | null>('patient_request');
  const { busy, error, fields, setFields, run } = useDialogWrite();

  const save = async () => {
    const at = fromLocalInput(dueAt);
    if (!at) return setFields({ dueAt: 'Give a date and time.' });
    await run(true, async () => {
      if (mode === 'reschedule') {
        await write((headers) =>
          api.POST('/v1/leads/{leadId}/follow-up/reschedule', {
            params: { path: { leadId: lead.id } },
            headers,
            body: { dueAt: at, reason: (reason ?? 'other') as 'other' },
          }),
        );
      } else {
        await write((headers) =>
          api.POST('/v1/leads/{leadId}/follow-ups', {
            params: { path: { leadId: lead.id } },
            headers,
            body: { kind: mode, dueAt: at },
          }),
        );
      }
      onDone(mode === 'reschedule' ? 'Follow-up moved.' : 'Follow-up scheduled.');
      onClose();
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Follow-up">
      <Stack>
        <SegmentedControl
          aria-label="What to do"
          value={mode}
          onChange={(v) => setMode(v as typeof mode)}
          data={[
            ...(open ? [{ value: 'reschedule', label: 'Snooze / move' }] : []),
            { value: 'callback', label: 'Callback' },
            { value: 'consult_reminder', label: 'Consult reminder' },
          ]}
        />
        <TextInput
          label="When (your time)"
          type="datetime-local"
          value={dueAt}
          onChange={(e) => setDueAt(e.currentTarget.value)}
          error={fields.dueAt}
          data-autofocus
        />
        <Group gap="xs">
          {PRESETS.map((p) => (
            <Button
              key={p.label}
              size="compact-sm"
              variant="light"
              onClick={() => setDueAt(toLocalInput(p.at(new Date())))}
            >
              {p.label}
            </Button>
          ))}
        </Group>
        {mode === 'reschedule' && (
          <Select
            label="Why"
            data={Object.entries(RESCHEDULE_REASON_LABEL).map(([value, label]) => ({
              value,
              label,
            }))}
            value={reason}
            onChange={setReason}
            allowDeselect={false}
            error={fields.reason}
          />
        )}
        <DialogFooter error={error} onCancel={onClose} onSave={save} saving={!!busy} />
      </Stack>
    </Modal>
  );
}
