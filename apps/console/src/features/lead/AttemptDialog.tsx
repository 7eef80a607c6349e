import {
  Alert,
  Button,
  Group,
  Kbd,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import { api, type LeadDetail } from '../../api/client';
import { CHANNEL_LABEL, OUTCOMES_BY_CHANNEL, OUTCOME_LABEL } from '../../lib/labels';
import { fromLocalInput } from '../../lib/time';
import { useDraft } from '../../lib/use-draft';
import { useDialogWrite, type LeadDialogProps } from './dialog-write';

/** Channels this lead can be reached on: phone (and text) with a phone number, email with one. */
export function channelsOf(lead: Pick<LeadDetail, 'phone' | 'email'>): string[] {
  return [...(lead.phone ? ['phone', 'sms'] : []), ...(lead.email ? ['email'] : [])];
}

/**
 * Log a contact attempt. Each outcome button records at once with what is filled in, so the
 * common case, "called, no answer", is `a` then `1` (or two clicks).
 */
export function AttemptDialog({ lead, opened, onClose, write, onDone }: LeadDialogProps) {
  const channels = channelsOf(lead);
  const [channel, setChannel] = useState(channels[0] ?? 'phone');
  const [note, setNote, clearNote] = useDraft(`attempt-note.${lead.id}`);
  const [callback, setCallback] = useState('');
  const { busy, error, fields, run } = useDialogWrite<string>();
  const outcomes = OUTCOMES_BY_CHANNEL[channel] ?? [];

  const record = async (outcome: string) => {
    if (busy) return;
    await run(outcome, async () => {
      const callbackAt = callback ? fromLocalInput(callback) : null;
      const recorded = await write((headers) =>
        api.POST('/v1/leads/{leadId}/contact-attempts', {
          params: { path: { leadId: lead.id } },
          headers,
          body: {
            channel: channel as 'phone',
            outcome: outcome as 'no_answer',
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(callbackAt ? { callbackAt } : {}),
          },
        }),
      );
      clearNote();
      setCallback('');
      // A call or text in the person's quiet hours is recorded with the server's warning.
      const warnings = recorded.warnings.map((w) => ` ${w.message}`).join('');
      onDone(
        `Logged: ${CHANNEL_LABEL[channel]?.toLowerCase()}, ${OUTCOME_LABEL[outcome]?.toLowerCase()}.${warnings}`,
      );
      onClose();
    });
  };

  const keys = getHotkeyHandler(outcomes.map((o, i) => [String(i + 1), () => void record(o)]));

  return (
    <Modal opened={opened} onClose={onClose} title="Log a contact attempt" size="lg">
      {/* Digits pick an outcome anywhere in the dialog except while typing. */}
      <Stack
        onKeyDown={(e) => {
          const tag = (e.target as HTMLElement).tagName;
          if (tag !== 'INPUT' && tag !== 'TEXTAREA') keys(e);
        }}
      >
        {channels.length === 0 ? (
          <Alert color="orange">This lead has no phone number or email to try.</Alert>
        ) : (
          <SegmentedControl
            aria-label="Channel"
            data={channels.map((c) => ({ value: c, label: CHANNEL_LABEL[c] ?? c }))}
            value={channel}
            onChange={setChannel}
          />
        )}
        {channel === 'sms' && !lead.smsConsent && (
          <Alert color="orange">They did not agree to text messages: call or email instead.</Alert>
        )}
        {!lead.contactConsent && (
          <Alert color="orange">
            They have not consented to be contacted, or withdrew it: Intake refuses the attempt.
          </Alert>
        )}
        <Textarea
          label="Note (optional)"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fields.note}
        />
        <TextInput
          label="Callback time (optional, your time)"
          description="When they asked to be called back; the next follow-up is set for then."
          type="datetime-local"
          value={callback}
          onChange={(e) => setCallback(e.currentTarget.value)}
          error={fields.callbackAt}
        />
        {(error || fields.channel || fields.outcome) && (
          <Alert color="red" role="alert">
            {[error, fields.channel, fields.outcome].filter(Boolean).join(' ')}
          </Alert>
        )}
        <Text size="sm" fw={500}>
          Outcome: records at once
        </Text>
        <Group>
          {outcomes.map((o, i) => (
            <Button
              key={o}
              data-autofocus={i === 0 || undefined}
              variant={o === 'reached' ? 'filled' : 'light'}
              loading={busy === o}
              disabled={channels.length === 0 || (busy !== null && busy !== o)}
              onClick={() => void record(o)}
              rightSection={<Kbd size="xs">{i + 1}</Kbd>}
            >
              {OUTCOME_LABEL[o]}
            </Button>
          ))}
        </Group>
      </Stack>
    </Modal>
  );
}
