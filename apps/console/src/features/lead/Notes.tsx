import { Alert, Button, Paper, Stack, Text, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useState } from 'react';
import { api, ApiError, type LeadDetail } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { useDraft } from '../../lib/use-draft';
import { writeErrorMessage, type LeadWrite } from './lead.api';
import { Section } from './Section';

export function Notes({
  lead,
  canWrite,
  noteRef,
  write,
  onDone,
}: {
  lead: LeadDetail;
  canWrite: boolean;
  noteRef: React.RefObject<HTMLTextAreaElement | null>;
  write: LeadWrite;
  onDone: (message: string) => void;
}) {
  const [body, setBody, clear] = useDraft(`note.${lead.id}`);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const notes = lead.notes ?? [];

  const save = async () => {
    if (!body.trim()) return setFieldError('Write something first.');
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await write((headers) =>
        api.POST('/v1/leads/{leadId}/notes', {
          params: { path: { leadId: lead.id } },
          headers,
          body: { body: body.trim() },
        }),
      );
      clear();
      onDone('Note added.');
    } catch (e) {
      if (e instanceof ApiError) setFieldError(e.fields.body);
      setError(writeErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={`Notes (${notes.length})`} testId="notes">
      <Stack gap="sm">
        {canWrite && (
          <Stack gap={6}>
            <Textarea
              ref={noteRef}
              label="Add a note"
              description="Ctrl+Enter saves. Kept if your session ends before you save."
              autosize
              minRows={2}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])}
              error={fieldError}
            />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button size="compact-md" w="fit-content" onClick={() => void save()} loading={busy}>
              Save note
            </Button>
          </Stack>
        )}
        {notes.length === 0 && (
          <Text size="sm" c="dimmed">
            No notes yet.
          </Text>
        )}
        {[...notes].reverse().map((n) => (
          <Paper key={n.id} bg="gray.0" p="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
            </Text>
            <Text size="xs" c="dimmed">
              {n.author?.name ?? 'someone'} · {formatDateTime(n.createdAt)}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
