import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { actorName, describeChanges, describeValue } from '../../lib/conflict';
import { formatDateTime } from '../../lib/time';
import type { ConflictState } from './lead.api';

const ACTION_WORDS: Record<string, string> = {
  submitted: 'sent a request',
  resubmitted: 'sent another request',
  status_changed: 'moved the lead',
  contact_attempted: 'logged a contact attempt',
  assigned: 'reassigned the lead',
  priority_changed: 'changed the priority',
  unassignable: 'could not be routed',
  note_added: 'added a note',
  contact_confirmed: 'confirmed a contact detail',
  contact_dismissed: 'dismissed a contact detail',
  crisis_acknowledged: 'acknowledged the crisis page',
  crisis_first_contact: 'made the first contact after a crisis page',
  consent_recorded: 'recorded a consent or its withdrawal',
};

/** A write refused with 412: what changed since the version on screen, and by whom. */
export function ConflictDialog({
  state,
  onReload,
}: {
  state: ConflictState | null;
  onReload: () => void;
}) {
  const c = state?.conflict;
  return (
    <Modal
      opened={state !== null}
      onClose={onReload}
      title="Someone changed this lead first"
      zIndex={400}
      closeOnClickOutside={false}
      data-testid="conflict-dialog"
    >
      {c && (
        <Stack>
          <Text>
            Your change was not saved: the lead moved from version {c.fromVersion} to {c.toVersion}{' '}
            while you had it open{c.by.length ? `, changed by ${c.by.join(', ')}` : ''}. Nothing was
            overwritten.
          </Text>
          {c.entries.length > 0 && (
            <List spacing={4} size="sm">
              {c.entries.map((e) => (
                <List.Item key={e.id}>
                  <b>{actorName(e.actor, e.action)}</b>{' '}
                  {ACTION_WORDS[e.action] ?? e.action.replace(/_/g, ' ')} at{' '}
                  {formatDateTime(e.occurredAt)}
                  {Object.keys(e.changes).length > 0 && (
                    <Text size="xs" c="dimmed">
                      {describeChanges(e.changes, state?.current.staffNames)}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
          {c.fields.length > 0 && (
            <Alert color="yellow" title="Now different">
              {c.fields.map((f) => (
                <Text key={f.field} size="sm">
                  {f.field}: {describeValue(f.from)} → <b>{describeValue(f.to)}</b>
                </Text>
              ))}
            </Alert>
          )}
          <Text size="sm">
            Reload to see the lead as it is now. What you typed stays in your form, so you can
            decide whether it still applies and save again.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onReload} data-autofocus>
              Reload the lead
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
