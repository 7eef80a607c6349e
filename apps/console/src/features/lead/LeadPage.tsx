import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Kbd,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type LeadDetail } from '../../api/client';
import { canWriteLead } from '../../api/session';
import { useStaff } from '../../app/session-context';
import { CrisisBadge, PriorityBadge, StatusBadge } from '../../components/Badges';
import { fullName, words } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { dialogOpen } from '../../lib/use-row-keys';
import { AttemptDialog } from './AttemptDialog';
import { Attempts } from './Attempts';
import { ConflictDialog } from './ConflictDialog';
import { ConsentCard } from './ConsentCard';
import { ContactCard } from './ContactCard';
import { ContactsToConfirm } from './ContactsToConfirm';
import { CrisisPageAlert } from './CrisisPageAlert';
import { FollowUpDialog } from './FollowUpDialog';
import { FollowUpsCard } from './FollowUpsCard';
import { History } from './History';
import { Notes } from './Notes';
import { ReassignDialog, PriorityDialog } from './OwnerPriorityDialogs';
import { Submissions } from './Submissions';
import { TransitionDialog } from './TransitionDialog';
import { WhyMe } from './WhyMe';
import { useFollowUps, useLead, useLeadWriter } from './lead.api';

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
      : lead.erasedAt
        ? 'Erased leads cannot be changed.'
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
      {lead.erasedAt && (
        <Alert color="gray" title="Erased" role="status">
          This lead was erased on {formatDateTime(lead.erasedAt)}: the person’s name, contact
          details, notes and submissions are gone, and it can no longer be changed. Its figures stay
          for reporting.
        </Alert>
      )}
      {!lead.erasedAt && lead.doNotContact && (
        <Alert color="orange" title="Do not contact" role="status">
          This person asked not to be contacted again: attempts to reach them are refused.
        </Alert>
      )}
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
            <ConsentCard lead={lead} canWrite={canWrite} write={write} onDone={onDone} />
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
