import { Button, Checkbox, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Session } from '../../api/session';
import { DialogFooter, useDialogWrite, type LeadDialogProps } from './dialog-write';

/**
 * Reassign: anyone who may write the lead (an admin; its coordinator, or anyone while nobody has
 * it) gives it to an active admin or coordinator from `GET /v1/assignees`, or takes it.
 */
export function ReassignDialog({
  lead,
  opened,
  onClose,
  write,
  onDone,
  staff,
}: LeadDialogProps & { staff: Session['staff'] }) {
  const isAdmin = staff.role === 'admin';
  const mayGive = isAdmin || lead.owner === null || lead.owner.id === staff.id;
  const people = useQuery({
    queryKey: ['assignees'],
    enabled: opened && mayGive,
    queryFn: async () => (await api.GET('/v1/assignees')).data?.items ?? [],
  });
  const [staffId, setStaffId] = useState<string | null>(null);
  const { busy, error, fields, run } = useDialogWrite();

  const assign = (id: string, name: string) =>
    run(true, async () => {
      await write((headers) =>
        api.PUT('/v1/leads/{leadId}/owner', {
          params: { path: { leadId: lead.id } },
          headers,
          body: { staffId: id },
        }),
      );
      onDone(`Assigned to ${name}.`);
      onClose();
    });

  return (
    <Modal opened={opened} onClose={onClose} title="Reassign">
      <Stack>
        <Text size="sm">Now: {lead.owner ? (lead.owner.name ?? 'someone') : 'nobody'}</Text>
        {mayGive ? (
          <Select
            label="Give it to"
            searchable
            data-autofocus
            data={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.role})` }))}
            value={staffId}
            onChange={setStaffId}
            error={fields.staffId}
            nothingFoundMessage={people.isPending ? 'Loading…' : 'Nobody found'}
          />
        ) : (
          <Text size="sm">
            This lead is {lead.owner?.name ?? 'someone else'}&apos;s: only they or an admin can give
            it to someone else.
          </Text>
        )}
        <DialogFooter error={error} onCancel={onClose}>
          {lead.owner?.id !== staff.id && mayGive && (
            <Button variant="light" loading={!!busy} onClick={() => void assign(staff.id, 'you')}>
              Assign to me
            </Button>
          )}
          {mayGive && (
            <Button
              loading={!!busy}
              disabled={!staffId}
              onClick={() =>
                staffId &&
                void assign(staffId, people.data?.find((p) => p.id === staffId)?.name ?? 'them')
              }
            >
              Reassign
            </Button>
          )}
        </DialogFooter>
      </Stack>
    </Modal>
  );
}

/** Priority, and clearing a crisis flag that was a false alarm (only a person lowers it). */
export function PriorityDialog({ lead, opened, onClose, write, onDone }: LeadDialogProps) {
  const [priority, setPriority] = useState(lead.priority);
  const [clearCrisis, setClearCrisis] = useState(false);
  const { busy, error, run } = useDialogWrite();

  const save = () =>
    run(true, async () => {
      await write((headers) =>
        api.PUT('/v1/leads/{leadId}/priority', {
          params: { path: { leadId: lead.id } },
          headers,
          body: { priority, ...(clearCrisis ? { crisisFlag: false } : {}) },
        }),
      );
      onDone(clearCrisis ? 'Crisis flag cleared.' : `Priority set to ${priority}.`);
      onClose();
    });

  return (
    <Modal opened={opened} onClose={onClose} title="Priority">
      <Stack>
        <SegmentedControl
          aria-label="Priority"
          data={['urgent', 'high', 'normal']}
          value={priority}
          onChange={(v) => setPriority(v as typeof priority)}
        />
        {lead.crisisFlag && (
          <Checkbox
            label="Clear the crisis flag: I spoke with them and it was a false alarm"
            checked={clearCrisis}
            onChange={(e) => setClearCrisis(e.currentTarget.checked)}
          />
        )}
        <DialogFooter error={error} onCancel={onClose} onSave={save} saving={!!busy} />
      </Stack>
    </Modal>
  );
}
