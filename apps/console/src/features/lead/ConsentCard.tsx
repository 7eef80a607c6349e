import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type LeadDetail } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { DialogFooter, useDialogWrite } from './dialog-write';
import type { LeadWrite } from './lead.api';
import { Section } from './Section';

type Kind = 'contact' | 'sms' | 'email_marketing';
type Source = 'phone' | 'sms_reply' | 'email' | 'in_person';

const KIND_LABEL: Record<Kind, string> = {
  contact: 'Contact',
  sms: 'Texts',
  email_marketing: 'Marketing email',
};
const SOURCE_LABEL: Record<string, string> = {
  form: 'the form',
  phone: 'on the phone',
  sms_reply: 'a text reply',
  email: 'email',
  in_person: 'in person',
  imported: 'before the ledger',
};

/** What a coordinator records most: the person said so on the phone, or replied STOP. */
const PRESETS: Array<{ label: string; kind: Kind; source: Source }> = [
  { label: '“Don’t contact me” (phone)', kind: 'contact', source: 'phone' },
  { label: 'Replied STOP to a text', kind: 'sms', source: 'sms_reply' },
];

export function useConsents(leadId: string) {
  return useQuery({
    queryKey: ['lead', leadId, 'consents'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/leads/{leadId}/consents', { params: { path: { leadId } } })),
  });
}

/** The person's consent, kind by kind, from the ledger; coordinators record a withdrawal here. */
export function ConsentCard({
  lead,
  canWrite,
  write,
  onDone,
}: {
  lead: LeadDetail;
  canWrite: boolean;
  write: LeadWrite;
  onDone: (message: string) => void;
}) {
  const consents = useConsents(lead.id);
  const [opened, controls] = useDisclosure(false);
  return (
    <Section title="Consent" testId="consent">
      {consents.isPending ? (
        <Skeleton h={80} />
      ) : consents.isError ? (
        <Text c="red">{consents.error.message}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {(Object.keys(KIND_LABEL) as Kind[]).map((kind) => {
              const r = consents.data.current[kind];
              return (
                <Table.Tr key={kind} data-testid={`consent-${kind}`}>
                  <Table.Td>{KIND_LABEL[kind]}</Table.Td>
                  <Table.Td>
                    {r === null ? (
                      <Badge color="gray" variant="light">
                        not given
                      </Badge>
                    ) : (
                      <Badge color={r.action === 'granted' ? 'teal' : 'red'} variant="light">
                        {r.action}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r && (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(r.recordedAt)} · {SOURCE_LABEL[r.source] ?? r.source}
                        {r.recordedBy ? ` · by ${r.recordedBy.name ?? 'staff'}` : ''}
                        {r.wordingVersion !== null ? ` · wording v${r.wordingVersion}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && (
        <Button mt="sm" size="xs" variant="default" onClick={controls.open}>
          Record withdrawal…
        </Button>
      )}
      {canWrite && opened && (
        <ConsentDialog
          lead={lead}
          onClose={controls.close}
          write={write}
          onDone={(message) => {
            void consents.refetch();
            onDone(message);
          }}
        />
      )}
    </Section>
  );
}

function ConsentDialog({
  lead,
  onClose,
  write,
  onDone,
}: {
  lead: LeadDetail;
  onClose: () => void;
  write: LeadWrite;
  onDone: (message: string) => void;
}) {
  const [kind, setKind] = useState<Kind>('contact');
  const [source, setSource] = useState<Source>('phone');
  const [action, setAction] = useState<'withdrawn' | 'granted'>('withdrawn');
  const { busy, error, run } = useDialogWrite();

  const save = () =>
    run(true, async () => {
      await write((headers) =>
        api.POST('/v1/leads/{leadId}/consents', {
          params: { path: { leadId: lead.id } },
          headers,
          body: { kind, action, source },
        }),
      );
      onDone(`Recorded: ${KIND_LABEL[kind].toLowerCase()} ${action} (${SOURCE_LABEL[source]}).`);
      onClose();
    });

  return (
    <Modal opened onClose={onClose} title="Record consent" size="lg">
      <Stack>
        <Group gap="xs">
          {PRESETS.map((p) => (
            <Button
              key={p.label}
              size="xs"
              variant="light"
              onClick={() => {
                setKind(p.kind);
                setSource(p.source);
                setAction('withdrawn');
              }}
            >
              {p.label}
            </Button>
          ))}
        </Group>
        <SegmentedControl
          aria-label="Action"
          value={action}
          onChange={(v) => setAction(v as 'withdrawn' | 'granted')}
          data={[
            { value: 'withdrawn', label: 'Withdrawn' },
            { value: 'granted', label: 'Given' },
          ]}
        />
        <SegmentedControl
          aria-label="Kind"
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={(Object.keys(KIND_LABEL) as Kind[]).map((k) => ({
            value: k,
            label: KIND_LABEL[k],
          }))}
        />
        <SegmentedControl
          aria-label="How they said it"
          value={source}
          onChange={(v) => setSource(v as Source)}
          data={(['phone', 'sms_reply', 'email', 'in_person'] as Source[]).map((s) => ({
            value: s,
            label: SOURCE_LABEL[s],
          }))}
        />
        {action === 'withdrawn' && kind !== 'email_marketing' && (
          <Alert color="orange">
            {kind === 'contact'
              ? 'From now on Intake refuses every call, text and email to this person.'
              : 'From now on Intake refuses texts to this person.'}
          </Alert>
        )}
        <DialogFooter error={error} onCancel={onClose} onSave={save} saving={busy !== null} />
      </Stack>
    </Modal>
  );
}
