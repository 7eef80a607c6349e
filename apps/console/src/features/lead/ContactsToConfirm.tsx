import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api, type LeadDetail } from '../../api/client';
import { CHANNEL_LABEL } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { writeErrorMessage, type LeadWrite } from './lead.api';
import { Section } from './Section';

export function ContactsToConfirm({
  lead,
  canWrite,
  write,
}: {
  lead: LeadDetail;
  canWrite: boolean;
  write: LeadWrite;
}) {
  const [error, setError] = useState<string | null>(null);
  const decide = async (contactId: string, decision: 'confirm' | 'dismiss') => {
    setError(null);
    try {
      await write((headers) =>
        api.POST('/v1/leads/{leadId}/contacts-to-confirm/{contactId}/{decision}', {
          params: { path: { leadId: lead.id, contactId, decision } },
          headers,
        }),
      );
    } catch (e) {
      setError(writeErrorMessage(e));
    }
  };
  return (
    <Section title="Contact details to confirm">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          A later request brought these. Anyone can send a form, so confirm one with the person
          before it replaces theirs.
        </Text>
        {lead.contactsToConfirm.map((c) => (
          <Group key={c.id} justify="space-between">
            <Text size="sm">
              {CHANNEL_LABEL[c.channel] ?? c.channel}: {c.value} ({formatDateTime(c.receivedAt)})
            </Text>
            {canWrite && (
              <Group gap={4}>
                <Button size="compact-sm" onClick={() => void decide(c.id, 'confirm')}>
                  Confirm
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => void decide(c.id, 'dismiss')}
                >
                  Dismiss
                </Button>
              </Group>
            )}
          </Group>
        ))}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
