import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Kbd,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { getHotkeyHandler, useDisclosure, useHotkeys } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type FollowUp, type LeadDetail } from '../../api/client';
import { canWriteLead } from '../../api/session';
import { useStaff } from '../../app/session-context';
import {
  CrisisBadge,
  KindBadge,
  LeadLocalTime,
  PriorityBadge,
  SlaCountdown,
  StatusBadge,
} from '../../components/Badges';
import { actorName, describeChanges } from '../../lib/conflict';
import { CHANNEL_LABEL, fullName, OUTCOME_LABEL, words } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { useDraft } from '../../lib/use-draft';
import { dialogOpen } from '../../lib/use-row-keys';
import { AttemptDialog } from './AttemptDialog';
import { ConflictDialog } from './ConflictDialog';
import { CrisisPageAlert } from './CrisisPageAlert';
import { FollowUpDialog } from './FollowUpDialog';
import { ReassignDialog, PriorityDialog } from './OwnerPriorityDialogs';
import { TransitionDialog } from './TransitionDialog';
import {
  useExplanation,
  useFollowUps,
  useLead,
  useLeadWriter,
  writeErrorMessage,
} from './lead.api';

export function LeadPage() {
  const { leadId = '' } = useParams();
  const lead = useLead(leadId);

  if (lead.isPending) return <Skeleton h={400} />;
  if (lead.isError) {
    const notFound =
      lead.error instanceof ApiError && (lead.error.status === 404 || lead.error.status === 400);
    return (
      <Alert
        color={notFound ? 'gray' : 'red'}
        title={notFound ? 'No such lead' : 'The lead could not be loaded'}
      >
        {notFound ? 'The link may be wrong or old. ' : `${lead.error.message} `}
        <Anchor component={Link} to="/leads">
          Find it in the lead list
        </Anchor>
        .
      </Alert>
    );
  }
  return <LeadView lead={lead.data} />;
}

function LeadView({ lead }: { lead: LeadDetail }) {
  const staff = useStaff();
  const followUps = useFollowUps(lead.id);
  const { write, conflict, reload } = useLeadWriter(lead);
  const [done, setDone] = useState<string | null>(null);
  const [attempt, attemptControls] = useDisclosure(false);
  const [move, moveControls] = useDisclosure(false);
  const [owner, ownerControls] = useDisclosure(false);
  const [priority, priorityControls] = useDisclosure(false);
  const [followUp, followUpControls] = useDisclosure(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const canWrite = canWriteLead(staff, lead);
  const readOnlyReason =
    staff.role === 'viewer' || staff.role === 'service'
      ? 'You can read leads; changing them needs a coordinator or admin.'
      : !canWrite
        ? `This is ${lead.owner?.name ?? 'someone else'}’s lead: only they or an admin can change it.`
        : null;
  const open = followUps.data?.find((f) => f.status === 'open') ?? null;

  useHotkeys([
    ['a', () => canWrite && !dialogOpen() && attemptControls.open()],
    ['m', () => canWrite && !dialogOpen() && moveControls.open()],
    ['n', () => canWrite && !dialogOpen() && noteRef.current?.focus()],
  ]);

  const onDone = (message: string) => setDone(message);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Anchor component={Link} to="/" size="sm">
            ← My queue
          </Anchor>
          <Group gap="sm">
            <Title order={1} size="h2">
              {fullName(lead)}
            </Title>
            {lead.crisisFlag && <CrisisBadge />}
            <StatusBadge status={lead.status} />
            <PriorityBadge priority={lead.priority} />
          </Group>
          <Text size="sm" c="dimmed">
            {words(lead.interest)} · {lead.state ?? 'state unknown'} · owner{' '}
            {lead.owner?.name ?? 'nobody'} · version {lead.version}
          </Text>
        </Stack>
        {canWrite && (
          <Group gap="xs" role="toolbar" aria-label="Actions">
            <Button onClick={attemptControls.open} rightSection={<Kbd size="xs">a</Kbd>}>
              Log attempt
            </Button>
            <Button
              variant="light"
              onClick={moveControls.open}
              rightSection={<Kbd size="xs">m</Kbd>}
            >
              Move
            </Button>
            <Button
              variant="light"
              onClick={() => noteRef.current?.focus()}
              rightSection={<Kbd size="xs">n</Kbd>}
            >
              Note
            </Button>
            <Button variant="default" onClick={followUpControls.open}>
              Follow-up
            </Button>
            <Button variant="default" onClick={priorityControls.open}>
              Priority
            </Button>
            <Button variant="default" onClick={ownerControls.open}>
              Reassign
            </Button>
          </Group>
        )}
        {!canWrite && staff.role === 'coordinator' && lead.owner !== null && (
          <Text size="sm" c="dimmed" maw={320}>
            {readOnlyReason}
          </Text>
        )}
      </Group>
      {staff.role !== 'coordinator' && staff.role !== 'admin' && (
        <Alert color="gray">{readOnlyReason} Contact details are masked for your role.</Alert>
      )}
      {done && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
          {open && ` Next: ${words(open.kind)} due ${formatDateTime(open.dueAt)}.`}
        </Alert>
      )}
      <CrisisPageAlert
        leadId={lead.id}
        canAcknowledge={staff.role === 'coordinator' || staff.role === 'admin'}
      />
      {lead.crisisFlag && (
        <Alert color="red" variant="filled" title="Crisis language in their message">
          Call first. If they are in danger now, follow the clinic’s crisis protocol (988 Suicide &
          Crisis Lifeline in the US).
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <ContactCard lead={lead} />
            <FollowUpsCard followUps={followUps.data} />
            <WhyMe leadId={lead.id} />
            {lead.contactsToConfirm.length > 0 && (
              <ContactsToConfirm lead={lead} canWrite={canWrite} write={write} />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Attempts lead={lead} />
            {lead.notes !== undefined && (
              <Notes
                lead={lead}
                canWrite={canWrite}
                noteRef={noteRef}
                write={write}
                onDone={onDone}
              />
            )}
            <Submissions lead={lead} />
            <History lead={lead} />
          </Stack>
        </Grid.Col>
      </Grid>

      {canWrite && (
        <>
          <AttemptDialog
            lead={lead}
            opened={attempt}
            onClose={attemptControls.close}
            write={write}
            onDone={onDone}
          />
          <TransitionDialog
            lead={lead}
            opened={move}
            onClose={moveControls.close}
            write={write}
            onDone={onDone}
          />
          <ReassignDialog
            lead={lead}
            opened={owner}
            onClose={ownerControls.close}
            write={write}
            onDone={onDone}
            staff={staff}
          />
          {priority && (
            <PriorityDialog
              lead={lead}
              opened={priority}
              onClose={priorityControls.close}
              write={write}
              onDone={onDone}
            />
          )}
          {followUp && (
            <FollowUpDialog
              lead={lead}
              open={open}
              opened={followUp}
              onClose={followUpControls.close}
              write={write}
              onDone={onDone}
            />
          )}
        </>
      )}
      <ConflictDialog state={conflict} onReload={reload} />
    </Stack>
  );
}

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ContactCard({ lead }: { lead: LeadDetail }) {
  const masked = lead.contactMasked;
  const zone = lead.timeZone;
  const touch = lead.firstTouch;
  const latest = lead.latestTouch;
  return (
    <Section title="Contact" testId="contact">
      <Stack gap={6}>
        {lead.phone ? (
          masked ? (
            <Text data-testid="phone">{lead.phone}</Text>
          ) : (
            <Group gap="sm">
              <Anchor href={`tel:${lead.phone}`} data-testid="phone">
                {lead.phone}
              </Anchor>
              {lead.smsConsent ? (
                <Anchor href={`sms:${lead.phone}`}>text</Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  no consent to texts
                </Text>
              )}
            </Group>
          )
        ) : (
          <Text c="dimmed">No phone number</Text>
        )}
        {lead.email ? (
          masked ? (
            <Text data-testid="email">{lead.email}</Text>
          ) : (
            <Anchor href={`mailto:${lead.email}`} data-testid="email">
              {lead.email}
            </Anchor>
          )
        ) : (
          <Text c="dimmed">No email</Text>
        )}
        <Group gap="xs">
          <Badge color={lead.contactConsent ? 'teal' : 'red'} variant="light">
            {lead.contactConsent ? 'consents to contact' : 'no consent to contact'}
          </Badge>
          <Badge color={lead.smsConsent ? 'teal' : 'gray'} variant="light">
            {lead.smsConsent ? 'texts ok' : 'no texts'}
          </Badge>
          {lead.preferredContact && (
            <Badge variant="outline">
              prefers {CHANNEL_LABEL[lead.preferredContact] ?? lead.preferredContact}
            </Badge>
          )}
        </Group>
        <Text size="sm">Best time: {lead.bestTimeToContact ?? '—'}</Text>
        <Group gap="xs">
          <Text size="sm">Their time:</Text>
          <LeadLocalTime zone={zone} />
          {zone && (
            <Text size="xs" c="dimmed">
              ({zone})
            </Text>
          )}
        </Group>
        <Text size="sm">Language: {lead.language ?? '—'}</Text>
        <Text size="sm">Heard of us: {lead.howDidYouHear ?? '—'}</Text>
        <Text size="sm" fw={500} mt="xs">
          Attribution
        </Text>
        <Text size="sm">
          First: {touch.utmSource ?? 'direct'}
          {touch.utmMedium ? ` / ${touch.utmMedium}` : ''}
          {touch.utmCampaign ? ` · ${touch.utmCampaign}` : ''} on {touch.formKey},{' '}
          {formatDateTime(touch.at)}
        </Text>
        {latest.submissionId !== touch.submissionId && (
          <Text size="sm">
            Latest: {latest.utmSource ?? 'direct'}
            {latest.utmMedium ? ` / ${latest.utmMedium}` : ''}
            {latest.utmCampaign ? ` · ${latest.utmCampaign}` : ''}, {formatDateTime(latest.at)}
          </Text>
        )}
        {touch.landingPage && (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            Landing page {touch.landingPage}
            {touch.referrer ? ` · from ${touch.referrer}` : ''}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function FollowUpsCard({ followUps }: { followUps: FollowUp[] | undefined }) {
  return (
    <Section title="Follow-ups" testId="follow-ups">
      {followUps === undefined ? (
        <Skeleton h={60} />
      ) : followUps.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet: the lead is waiting to be routed, or is closed.
        </Text>
      ) : (
        <Stack gap={6}>
          {followUps.slice(0, 6).map((f) => (
            <Group
              key={f.id}
              gap="xs"
              wrap="wrap"
              data-testid={f.status === 'open' ? 'open-follow-up' : undefined}
            >
              <KindBadge kind={f.kind} />
              <Text size="sm">
                #{f.attempt} due {formatDateTime(f.dueAt)}
              </Text>
              {f.status === 'open' ? (
                <SlaCountdown followUp={f} />
              ) : (
                <Text size="xs" c="dimmed">
                  {f.status}
                  {f.outcome ? `: ${OUTCOME_LABEL[f.outcome] ?? words(f.outcome)}` : ''}
                  {f.cancelReason ? ` (${words(f.cancelReason)})` : ''}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function WhyMe({ leadId }: { leadId: string }) {
  const explanation = useExplanation(leadId);
  const latest = explanation.data?.decisions[0];
  return (
    <Section title="Why this owner" testId="why-me">
      {explanation.isError ? (
        <Text size="sm" c="dimmed">
          The assignment explanation could not be loaded.
        </Text>
      ) : !explanation.data ? (
        <Skeleton h={40} />
      ) : !latest ? (
        <Text size="sm" c="dimmed">
          No routing decision yet
          {explanation.data.waitingUntil
            ? `; next try ${formatDateTime(explanation.data.waitingUntil)}`
            : ''}
          .
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">{latest.summary}</Text>
          <Text size="xs" c="dimmed">
            Decided {formatDateTime(latest.decidedAt)}
            {explanation.data.decisions.length > 1
              ? ` · ${explanation.data.decisions.length - 1} earlier decision(s)`
              : ''}
          </Text>
        </Stack>
      )}
    </Section>
  );
}

type Writer = ReturnType<typeof useLeadWriter>['write'];

function ContactsToConfirm({
  lead,
  canWrite,
  write,
}: {
  lead: LeadDetail;
  canWrite: boolean;
  write: Writer;
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

function Attempts({ lead }: { lead: LeadDetail }) {
  return (
    <Section title={`Contact attempts (${lead.contactAttempts.length})`} testId="attempts">
      {lead.contactAttempts.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has tried them yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>When (your time)</Table.Th>
                <Table.Th>Channel</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...lead.contactAttempts].reverse().map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.attemptNumber}</Table.Td>
                  <Table.Td>{formatDateTime(a.attemptedAt)}</Table.Td>
                  <Table.Td>{CHANNEL_LABEL[a.channel] ?? a.channel}</Table.Td>
                  <Table.Td>
                    {OUTCOME_LABEL[a.outcome] ?? words(a.outcome)}
                    {a.callbackAt ? ` · call back ${formatDateTime(a.callbackAt)}` : ''}
                  </Table.Td>
                  <Table.Td>{a.actor?.name ?? '—'}</Table.Td>
                  <Table.Td>{a.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function Notes({
  lead,
  canWrite,
  noteRef,
  write,
  onDone,
}: {
  lead: LeadDetail;
  canWrite: boolean;
  noteRef: React.RefObject<HTMLTextAreaElement | null>;
  write: Writer;
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

function Submissions({ lead }: { lead: LeadDetail }) {
  return (
    <Section title={`Requests (${lead.submissions.length})`} testId="submissions">
      <Stack gap="sm">
        {[...lead.submissions].reverse().map((s) => (
          <Stack key={s.id} gap={4}>
            <Text size="sm" fw={500}>
              {s.formKey} · {formatDateTime(s.receivedAt)}
            </Text>
            {s.fields ? (
              <Table withTableBorder withColumnBorders verticalSpacing={2} fz="sm">
                <Table.Tbody>
                  {Object.entries({ ...s.fields, ...(s.unknownFields ?? {}) }).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th w={180}>{k}</Table.Th>
                      <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {typeof v === 'string' ? v : JSON.stringify(v)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                The form as typed is not shown to your role.
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

function History({ lead }: { lead: LeadDetail }) {
  return (
    <Section title="History" testId="history">
      <Timeline bulletSize={14} lineWidth={2} active={lead.history.length}>
        {[...lead.history].reverse().map((h) => (
          <Timeline.Item
            key={h.id}
            title={
              <Text size="sm" fw={500}>
                {words(h.action)}
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              {actorName(h.actor, h.action)} · {formatDateTime(h.occurredAt)}
            </Text>
            {Object.keys(h.changes).length > 0 && (
              <Text size="xs" style={{ wordBreak: 'break-word' }}>
                {describeChanges(
                  h.changes as Record<string, { from?: unknown; to?: unknown }>,
                  lead.staffNames,
                )}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
