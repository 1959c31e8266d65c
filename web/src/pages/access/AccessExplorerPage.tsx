import { useMemo } from 'react';
import { Alert, Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { IconCrown } from '@tabler/icons-react';
import { RESOURCE_TYPES, RESOURCE_TYPE_REGISTRY, isResourceType, type ResourceType } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { useViewer } from '../../app/viewer';
import { QueryState } from '../../components/QueryState';
import { MemberSelect } from '../../components/MemberSelect';
import { ResourcePicker } from '../../components/ResourcePicker';
import { LevelBadge } from '../../components/LevelBadge';
import { AccessPathGraph } from './AccessPathGraph';
import { layoutPathGraph } from './accessPathLayout';
import { AccessEntriesTable } from '../../components/AccessEntriesTable';
import { ScrollTable } from '../../components/ScrollTable';
import { actionWords } from '../../components/actionWords';
import { formatTime } from '../../components/formatTime';
import { useResourceAccessChanged } from '../../components/useResourceAccessChanged';
import { usePhone } from '../../app/usePhone';

const EXPLAIN = graphql(`
  query ExplainAccess($userId: ID!, $resourceId: ID!) {
    explainAccess(userId: $userId, resourceId: $resourceId) {
      userId
      resourceId
      level
      allowedActions
      reasons {
        source
        level
        winning
        inherited
        summary
        kinds
        teamId
        team {
          id
          name
        }
        anchorResourceId
        anchorResource {
          id
          name
          type
        }
      }
      denial {
        kind
        message
        expiredAt
      }
    }
    member(id: $userId) {
      id
      name
      email
      role
    }
    resource(id: $resourceId) {
      id
      name
      type
    }
  }
`);

const WHO_HAS_ACCESS = graphql(`
  query WhoHasAccess($resourceId: ID!) {
    resourceAccess(resourceId: $resourceId) {
      userId
      isPublic
      level
      user {
        id
        name
        email
      }
      reasons {
        winning
        summary
      }
    }
  }
`);

/**
 * The access explorer: pick a member and a resource to see the
 * effective level, the actions it allows and every access path drawn as a
 * graph with the winning one marked; and who has access to the resource.
 */
export function AccessExplorerPage() {
  const { viewer, can } = useViewer();
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const type: ResourceType | null = typeParam && isResourceType(typeParam) ? typeParam : null;
  const userId = params.get('user') ?? viewer?.account?.id ?? null;
  const resourceId = params.get('resource');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'type') next.delete('resource');
    setParams(next, { replace: true });
  };
  const mayAskForOthers = can('users.manage');

  return (
    <Stack>
      <Title order={1} size="h2">
        Access explorer
      </Title>
      <Text c="dimmed" size="sm">
        Why does a member have access to a resource — and who has access to it?
      </Text>
      <Card withBorder>
        <Group align="flex-end">
          {mayAskForOthers ? (
            <MemberSelect label="Member" value={userId} onChange={(id) => set('user', id)} />
          ) : (
            <Text size="sm">Your own access (explaining others' needs user management).</Text>
          )}
          <Select
            label="Type"
            placeholder="Any type"
            clearable
            data={RESOURCE_TYPES.map((t) => ({ value: t, label: RESOURCE_TYPE_REGISTRY[t].label }))}
            value={type}
            onChange={(value) => set('type', value)}
            w={180}
          />
          <ResourcePicker label="Resource" type={type} value={resourceId} onChange={(id) => set('resource', id)} />
        </Group>
      </Card>
      {userId && resourceId ? (
        <>
          <Explanation userId={userId} resourceId={resourceId} />
          <WhoHasAccess resourceId={resourceId} />
        </>
      ) : (
        <Text c="dimmed">Choose a resource to explain.</Text>
      )}
    </Stack>
  );
}

function Explanation({ userId, resourceId }: { userId: string; resourceId: string }) {
  const query = useQuery(EXPLAIN, { variables: { userId, resourceId } });
  useResourceAccessChanged(resourceId, () => void query.refetch());
  const explanation = query.data?.explainAccess;
  // On a phone the graph runs down the screen, so it fits its width.
  const phone = usePhone();
  const graph = useMemo(
    () =>
      query.data
        ? layoutPathGraph(query.data.member.name, query.data.resource.name, resourceId, query.data.explainAccess.reasons, phone ? 'down' : 'across')
        : null,
    [query.data, resourceId, phone],
  );
  return (
    <Card withBorder>
      <QueryState loading={query.loading && !explanation} error={query.error}>
        {explanation && query.data && graph && (
          <Stack>
            <Group justify="space-between">
              <Title order={4}>
                {query.data.member.name} on {query.data.resource.name}
              </Title>
              <Group gap="xs">
                <Text size="sm">Effective level</Text>
                <span data-testid="effective-level">
                  <LevelBadge level={explanation.level} />
                </span>
              </Group>
            </Group>
            <div>
              <Text size="sm" fw={500} mb={4}>
                Allowed actions
              </Text>
              {explanation.allowedActions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  None
                </Text>
              ) : (
                <Group gap={6} aria-label="Allowed actions">
                  {explanation.allowedActions.map((a) => (
                    <Badge key={a} variant="outline" tt="none" title={a}>
                      {actionWords(a)}
                    </Badge>
                  ))}
                </Group>
              )}
            </div>
            {explanation.denial && (
              <Alert color="gray" title={`${query.data.member.name} cannot open ${query.data.resource.name}`} data-testid="denial">
                {explanation.denial.message}
                {explanation.denial.expiredAt && (
                  <Text size="sm" c="dimmed" mt={4}>
                    Ended <time dateTime={explanation.denial.expiredAt}>{formatTime(explanation.denial.expiredAt)}</time>
                  </Text>
                )}
              </Alert>
            )}
            {explanation.reasons.length > 0 && (
              <>
                <AccessPathGraph graph={graph} />
                {/* On a phone the level and "inherited" go under the path's sentence, which then has the width to be read. */}
                <ScrollTable aria-label="Access paths" minWidth={280}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={28} aria-label="Winning path" />
                      <Table.Th>Path</Table.Th>
                      <Table.Th visibleFrom="sm">Level</Table.Th>
                      <Table.Th visibleFrom="sm">Inherited</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {explanation.reasons.map((r, i) => (
                      <Table.Tr key={i} data-winning={r.winning}>
                        <Table.Td w={28}>{r.winning && <IconCrown size={16} aria-label="Winning path" color="var(--mantine-color-indigo-6)" />}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={r.winning ? 600 : 400}>
                            {r.summary}
                          </Text>
                          <Group gap={4} mt={4} hiddenFrom="sm">
                            <LevelBadge level={r.level} />
                            {r.inherited && <Badge variant="dot">Inherited</Badge>}
                          </Group>
                        </Table.Td>
                        <Table.Td visibleFrom="sm">
                          <LevelBadge level={r.level} />
                        </Table.Td>
                        <Table.Td visibleFrom="sm">{r.inherited && <Badge variant="dot">Inherited</Badge>}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ScrollTable>
                <Text size="xs" c="dimmed">
                  The highest level wins: its path has the crown in the table.
                </Text>
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function WhoHasAccess({ resourceId }: { resourceId: string }) {
  const query = useQuery(WHO_HAS_ACCESS, { variables: { resourceId } });
  useResourceAccessChanged(resourceId, () => void query.refetch());
  const entries = query.data?.resourceAccess ?? [];
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        Who has access
      </Title>
      <QueryState loading={query.loading && !query.data} error={query.error} empty={entries.length === 0} emptyText="Nobody but org owners.">
        <AccessEntriesTable entries={entries} aria-label="Who has access" />
      </QueryState>
    </Card>
  );
}
