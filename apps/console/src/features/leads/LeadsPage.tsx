import {
  Alert,
  Anchor,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CrisisBadge, PriorityBadge, StatusBadge } from '../../components/Badges';
import { fullName, STATUS_LABEL, words } from '../../lib/labels';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  filtersToSearch,
  parseFilters,
  PRIORITIES,
  STATUSES,
  type LeadFilters,
  type Priority,
  type Sort,
  type Status,
} from '../../lib/lead-filters';
import { formatDateTime } from '../../lib/time';
import { useRowKeys } from '../../lib/use-row-keys';
import { leadsQuery } from './leads.api';
import classes from '../../components/rows.module.css';

const SORT_OPTIONS = [
  { value: '-created', label: 'Newest first' },
  { value: 'created', label: 'Oldest first' },
  { value: 'priority', label: 'Priority (urgent, then oldest)' },
];
const YES_NO = [
  { value: '', label: 'Any' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

export function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const set = (next: Partial<LeadFilters>) => setParams(filtersToSearch({ ...filters, ...next }));
  const leads = useInfiniteQuery(leadsQuery(filters));
  const rows = leads.data?.pages.flatMap((p) => p.items) ?? [];
  const keys = useRowKeys(rows.length);
  // Plain cells with Mantine's own cell class: see rows.module.css.
  const td = Table.classes.td;
  const search = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => search.current?.focus()]]);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Leads
      </Title>
      <Filters filters={filters} set={set} searchRef={search} />
      {leads.isError && (
        <Alert color="red" title="The leads could not be loaded">
          {leads.error.message} Change a filter or{' '}
          <Anchor component="button" onClick={() => void leads.refetch()}>
            try again
          </Anchor>
          .
        </Alert>
      )}
      {leads.isPending && <Skeleton h={300} />}
      {leads.isSuccess && rows.length === 0 && (
        <Paper withBorder p="xl">
          <Text>
            No lead matches{' '}
            {activeFilterCount(filters) + (filters.q ? 1 : 0) > 0 ? 'these filters' : 'yet'}.{' '}
            {activeFilterCount(filters) + (filters.q ? 1 : 0) > 0 && (
              <Anchor component={Link} to="/leads">
                Clear the filters
              </Anchor>
            )}
          </Text>
        </Paper>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={1100} type="native">
          <Table highlightOnHover verticalSpacing="xs" aria-label="Leads">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Asked about</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Created (your time)</Table.Th>
                <Table.Th>Attempts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((lead, i) => (
                <Table.Tr
                  key={lead.id}
                  className={classes.row}
                  data-selected={keys.index === i || undefined}
                  data-testid="lead-row"
                >
                  <td className={td}>
                    <div className={classes.inline}>
                      <Anchor
                        component={Link}
                        to={`/leads/${lead.id}`}
                        ref={(el) => keys.setRow(i, el)}
                        onFocus={() => keys.focused(i)}
                        fw={600}
                        className={classes.rowLink}
                      >
                        {fullName(lead)}
                      </Anchor>
                      {lead.crisisFlag && <CrisisBadge />}
                    </div>
                  </td>
                  <td className={td}>
                    <StatusBadge status={lead.status} />
                  </td>
                  <td className={td}>
                    <PriorityBadge priority={lead.priority} />
                  </td>
                  <td className={td}>{words(lead.interest)}</td>
                  <td className={td}>{lead.state ?? '—'}</td>
                  <td className={td}>
                    {lead.owner ? (
                      (lead.owner.name ?? 'someone')
                    ) : (
                      <span className={classes.dimmed}>nobody</span>
                    )}
                  </td>
                  <td className={td}>{lead.source}</td>
                  <td className={td}>{formatDateTime(lead.createdAt)}</td>
                  <td className={td}>{lead.contactAttemptCount}</td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {leads.hasNextPage && (
        <Button
          variant="light"
          w="fit-content"
          loading={leads.isFetchingNextPage}
          onClick={() => void leads.fetchNextPage()}
        >
          Load more
        </Button>
      )}
      {leads.isSuccess && rows.length > 0 && !leads.hasNextPage && (
        <Text size="sm" c="dimmed">
          {rows.length} lead{rows.length === 1 ? '' : 's'}, all shown.
        </Text>
      )}
    </Stack>
  );
}

function Filters({
  filters,
  set,
  searchRef,
}: {
  filters: LeadFilters;
  set: (next: Partial<LeadFilters>) => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
}) {
  // Free text is applied on Enter or on leaving the field: one history entry per search. When the
  // URL changes under it (Back, a link), the fields follow (React's "adjust state on a prop change").
  const fromUrl = {
    q: filters.q ?? '',
    formKey: filters.formKey ?? '',
    source: filters.source ?? '',
    state: filters.state ?? '',
    interest: filters.interest ?? '',
  };
  const urlKey = JSON.stringify(fromUrl);
  const [text, setText] = useState(fromUrl);
  const [seenUrl, setSeenUrl] = useState(urlKey);
  if (seenUrl !== urlKey) {
    setSeenUrl(urlKey);
    setText(fromUrl);
  }

  const applyText = (event?: FormEvent) => {
    event?.preventDefault();
    const clean = (v: string) => (v.trim() === '' ? null : v.trim());
    set({
      q: clean(text.q),
      formKey: clean(text.formKey),
      source: clean(text.source)?.toLowerCase() ?? null,
      state: clean(text.state)?.toUpperCase() ?? null,
      interest: clean(text.interest),
    });
  };
  const owner = filters.unassigned
    ? 'unassigned'
    : filters.ownerId === 'me'
      ? 'me'
      : filters.ownerId
        ? 'other'
        : '';

  return (
    <Paper withBorder p="md">
      <form onSubmit={applyText} aria-label="Filter leads">
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              ref={searchRef}
              label="Search"
              description="Email, phone number, or part of a name. Press / to jump here."
              placeholder="ann@example.com, (415) 555-2671, Garcia"
              value={text.q}
              onChange={(e) => setText({ ...text, q: e.currentTarget.value })}
              onBlur={() => applyText()}
              style={{ flex: 1, minWidth: 260 }}
            />
            <Select
              label="Sort"
              data={SORT_OPTIONS}
              value={filters.sort}
              onChange={(v) => set({ sort: (v as Sort | null) ?? '-created' })}
              allowDeselect={false}
              w={230}
            />
            <Button type="submit">Search</Button>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            <MultiSelect
              label="Status"
              data={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] ?? s }))}
              value={filters.status}
              onChange={(v) => set({ status: v as Status[] })}
              placeholder={filters.status.length ? undefined : 'Any'}
              clearable
            />
            <MultiSelect
              label="Priority"
              data={[...PRIORITIES]}
              value={filters.priority}
              onChange={(v) => set({ priority: v as Priority[] })}
              placeholder={filters.priority.length ? undefined : 'Any'}
              clearable
            />
            <Select
              label="Owner"
              data={[
                { value: '', label: 'Anyone' },
                { value: 'me', label: 'Me' },
                { value: 'unassigned', label: 'Nobody (unassigned)' },
                ...(owner === 'other'
                  ? [{ value: 'other', label: 'Someone else (from the link)' }]
                  : []),
              ]}
              value={owner}
              onChange={(v) =>
                set(
                  v === 'me'
                    ? { ownerId: 'me', unassigned: null }
                    : v === 'unassigned'
                      ? { ownerId: null, unassigned: true }
                      : v === 'other'
                        ? {}
                        : { ownerId: null, unassigned: null },
                )
              }
              allowDeselect={false}
            />
            <Select
              label="Crisis flag"
              data={YES_NO}
              value={filters.crisisFlag === null ? '' : String(filters.crisisFlag)}
              onChange={(v) =>
                set({ crisisFlag: v === 'true' ? true : v === 'false' ? false : null })
              }
              allowDeselect={false}
            />
            <TextInput
              label="Created from"
              type="date"
              value={filters.createdFrom ?? ''}
              onChange={(e) => set({ createdFrom: e.currentTarget.value || null })}
            />
            <TextInput
              label="Created to (inclusive)"
              type="date"
              value={filters.createdTo ?? ''}
              onChange={(e) => set({ createdTo: e.currentTarget.value || null })}
            />
            <TextInput
              label="State"
              placeholder="CA"
              maxLength={2}
              value={text.state}
              onChange={(e) => setText({ ...text, state: e.currentTarget.value })}
              onBlur={() => applyText()}
            />
            <TextInput
              label="Asked about"
              placeholder="depression"
              value={text.interest}
              onChange={(e) => setText({ ...text, interest: e.currentTarget.value })}
              onBlur={() => applyText()}
            />
            <TextInput
              label="Source"
              placeholder="google, direct"
              value={text.source}
              onChange={(e) => setText({ ...text, source: e.currentTarget.value })}
              onBlur={() => applyText()}
            />
            <TextInput
              label="Form"
              placeholder="consultation"
              value={text.formKey}
              onChange={(e) => setText({ ...text, formKey: e.currentTarget.value })}
              onBlur={() => applyText()}
            />
          </SimpleGrid>
          {activeFilterCount(filters) + (filters.q ? 1 : 0) > 0 && (
            <Group>
              <Button variant="subtle" onClick={() => set({ ...EMPTY_FILTERS })}>
                Clear filters
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
