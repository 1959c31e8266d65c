import { Fragment, useState } from 'react';
import { ActionIcon, Badge, Button, Card, Code, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useSubscription } from '@apollo/client/react';
import { IconChevronDown, IconChevronRight, IconSearch } from '@tabler/icons-react';
import { graphql } from '../../graphql/generated';
import type { AuditLogFilter, AuditOutcome } from '../../graphql/generated/graphql';
import { QueryState } from '../../components/QueryState';
import { MemberSelect } from '../../components/MemberSelect';
import { Timestamp } from '../../components/Timestamp';
import { dayBoundary } from './dayBoundary';
import { actionFilterOf } from './actionFilter';
import { targetTypeLabel } from './targetTypeLabel';
import { usePhone } from '../../app/usePhone';
import { LoadMoreButton } from '../../components/LoadMoreButton';
import { ScrollTable } from '../../components/ScrollTable';
import { RequireCapability } from '../../components/NoAccessPage';
import { useViewer } from '../../app/viewer';
import { AuditLogDownload } from './AuditLogDownload';
import { AUDIT_LOG } from './auditLogQuery';
import { countOf } from '../../components/plural';

/** Entries a page of the log shows at a time. */
const PAGE_SIZE = 50;

const AUDIT_EVENT_ADDED = graphql(`
  subscription AuditEventAdded {
    auditEventAdded {
      id
      action
    }
  }
`);

/** The audit log, or the no-access page for a role without auditLog.read. */
export function AuditLogPage() {
  return (
    <RequireCapability anyOf={['auditLog.read']} title="Audit log" needs="The audit log is read by the organization's owners and admins.">
      <AuditLog />
    </RequireCapability>
  );
}

/**
 * The audit log: newest first, filtered by action (exact, or
 * a prefix ending in "."), outcome, actor and dates; each entry opens to its
 * before and after. Live: new entries appear as they are written. On a phone
 * the filters other than the action wait behind "More filters", so that the
 * first screen shows entries, not five fields. "Download CSV" saves every
 * entry the filters match.
 */
function AuditLog() {
  const [action, setAction] = useState('');
  const [debouncedAction] = useDebouncedValue(actionFilterOf(action), 300);
  const [outcome, setOutcome] = useState<AuditOutcome | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const phone = usePhone();
  const [moreFilters, setMoreFilters] = useState(false);
  const otherFiltersSet = [outcome, actorId, since, until].filter(Boolean).length;
  const filter: AuditLogFilter = {
    ...(debouncedAction ? { action: debouncedAction } : {}),
    ...(outcome ? { outcome } : {}),
    ...(actorId ? { actorId } : {}),
    ...(dayBoundary(since, false) ? { since: dayBoundary(since, false) } : {}),
    ...(dayBoundary(until, true) ? { until: dayBoundary(until, true) } : {}),
  };
  // Days as YYYY-MM-DD compare as text. A range that ends before it starts matches nothing: said at the field, not run.
  const rangeError = since && until && until < since ? 'Until is before From: pick a day on or after it.' : null;
  // A refetch hands the cache what it shows (refetchWritePolicy), which puts new entries on top of it, "Load more" pages
  // included (newestFirstPagination).
  const query = useQuery(AUDIT_LOG, { variables: { filter, first: PAGE_SIZE }, skip: rangeError !== null, refetchWritePolicy: 'merge' });
  const { viewer } = useViewer();
  useSubscription(AUDIT_EVENT_ADDED, { onData: () => void query.refetch() });
  const page = query.data?.auditLog;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Group gap="sm">
          <Badge color="green" variant="dot">
            Live
          </Badge>
          <AuditLogDownload filter={filter} organizationName={viewer?.organization?.name ?? ''} />
        </Group>
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <TextInput
            label="Action"
            placeholder="grant, or grant.created"
            leftSection={<IconSearch size={14} />}
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
          />
          {phone && (
            // Before the filters it shows, so that the next Tab after opening them reaches them.
            <Button
              variant="subtle"
              size="compact-sm"
              justify="start"
              aria-expanded={moreFilters}
              onClick={() => setMoreFilters(!moreFilters)}
              style={{ justifySelf: 'start' }}
            >
              {moreFilters ? 'Fewer filters' : otherFiltersSet > 0 ? `More filters (${otherFiltersSet} set)` : 'More filters'}
            </Button>
          )}
          {(!phone || moreFilters) && (
            <>
              <Select
                label="Outcome"
                placeholder="Any"
                clearable
                data={[
                  { value: 'SUCCESS', label: 'Success' },
                  { value: 'DENIED', label: 'Denied' },
                ]}
                value={outcome}
                onChange={(v) => setOutcome(v as AuditOutcome | null)}
              />
              <MemberSelect label="Actor" value={actorId} onChange={setActorId} />
              <TextInput label="From" type="date" value={since} onChange={(e) => setSince(e.currentTarget.value)} />
              <TextInput label="Until" type="date" value={until} onChange={(e) => setUntil(e.currentTarget.value)} error={rangeError} />
            </>
          )}
        </SimpleGrid>
      </Card>
      {rangeError ? (
        <Text size="sm" c="dimmed" data-testid="audit-range-error">
          Fix the dates to see entries: {rangeError}
        </Text>
      ) : (
        <QueryState loading={query.loading && !page} error={query.error} empty={page?.edges.length === 0} emptyText="No entry matches.">
          <Text size="sm" c="dimmed">
            {countOf(page?.totalCount ?? 0, 'entry', 'entries')}
          </Text>
          <ScrollTable cards aria-label="Audit entries" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32} aria-label="Details" />
                <Table.Th>When</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page?.edges.map(({ node: e }) => (
                <Fragment key={e.id}>
                  <Table.Tr>
                    <Table.Td data-card-head>
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        // One name per entry (with aria-expanded saying whether it is open): a list of 50 "Show details" says nothing.
                        aria-label={`Details of ${e.action}${e.targetLabel ? ` on ${e.targetLabel}` : ''}`}
                        aria-expanded={open === e.id}
                        onClick={() => setOpen(open === e.id ? null : e.id)}
                      >
                        {open === e.id ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td data-card-head>
                      <Text size="sm">
                        <Timestamp iso={e.createdAt} />
                      </Text>
                    </Table.Td>
                    <Table.Td data-label="Actor">
                      <Text size="sm">{e.actor.label}</Text>
                      {e.actor.type !== 'USER' && (
                        <Badge size="xs" variant="outline">
                          {e.actor.type === 'API_KEY' ? 'API key' : 'System'}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td data-label="Action">
                      <Code>{e.action}</Code>
                    </Table.Td>
                    <Table.Td data-label="Target">
                      <Text size="sm">{e.targetLabel ?? e.targetId ?? '—'}</Text>
                      {e.targetType && (
                        <Text size="xs" c="dimmed">
                          {targetTypeLabel(e.targetType)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-card-head>
                      <Badge color={e.outcome === 'SUCCESS' ? 'green' : 'red'} variant="light">
                        {e.outcome === 'SUCCESS' ? 'Success' : 'Denied'}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                  {open === e.id && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <SimpleGrid cols={{ base: 1, sm: 2 }}>
                          <div>
                            <Text size="xs" fw={600}>
                              Before
                            </Text>
                            <Code block>{e.before ? JSON.stringify(e.before, null, 2) : '—'}</Code>
                          </div>
                          <div>
                            <Text size="xs" fw={600}>
                              After
                            </Text>
                            <Code block>{e.after ? JSON.stringify(e.after, null, 2) : '—'}</Code>
                          </div>
                        </SimpleGrid>
                        {e.requestId && (
                          <Text size="xs" c="dimmed" mt={4}>
                            Request {e.requestId}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </ScrollTable>
          <LoadMoreButton pageInfo={page?.pageInfo} onLoadMore={(after) => query.fetchMore({ variables: { after } })} />
        </QueryState>
      )}
    </Stack>
  );
}
