import { Badge, Card, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { ACCESS_LEVEL_LABELS } from '@rolegraph/shared';
import { useViewer } from '../../app/viewer';
import { QueryState } from '../../components/QueryState';
import { usePermissionMatrix } from '../../components/permissionMatrix';
import { ScrollTable } from '../../components/ScrollTable';
import { actionWords } from '../../components/actionWords';

const capitalized = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/**
 * The permission matrix: roles × capabilities, and per
 * resource type the level each action needs — the server's own tables, so
 * this page cannot disagree with what is enforced. The viewer's role is marked.
 */
export function PermissionMatrixPage() {
  const { viewer } = useViewer();
  const { matrix, loading, error } = usePermissionMatrix();
  return (
    <Stack>
      <Title order={1} size="h2">
        Permission matrix
      </Title>
      <QueryState loading={loading && !matrix} error={error}>
        {matrix && (
          <Tabs defaultValue="roles">
            <Tabs.List>
              <Tabs.Tab value="roles">Organization roles</Tabs.Tab>
              <Tabs.Tab value="resources">Resource levels</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="roles" pt="md">
              <Group align="stretch" mb="md">
                {matrix.roles.map((r) => (
                  <Card
                    key={r.role}
                    withBorder
                    w={260}
                    style={r.role === viewer?.role ? { boxShadow: 'inset 0 4px 0 var(--mantine-color-indigo-8)' } : undefined}
                  >
                    <Group justify="space-between">
                      <Text fw={600}>{r.name}</Text>
                      {r.role === viewer?.role && <Badge>You</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed">
                      “{r.seedName}”
                    </Text>
                    <Text size="sm" mt="xs">
                      {r.summary}
                    </Text>
                  </Card>
                ))}
              </Group>
              <ScrollTable withTableBorder withColumnBorders aria-label="Roles and capabilities">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Capability</Table.Th>
                    <Table.Th>Covers</Table.Th>
                    {matrix.roles.map((r) => (
                      <Table.Th key={r.role} ta="center">
                        {r.name}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {matrix.capabilities.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.label}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {c.id}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{c.covers}</Text>
                      </Table.Td>
                      {matrix.roles.map((r) => (
                        <Table.Td key={r.role} ta="center" aria-label={`${r.name}: ${c.roles.includes(r.role) ? 'yes' : 'no'}`}>
                          {c.roles.includes(r.role) ? (
                            <IconCheck size={18} color="var(--mantine-color-green-7)" />
                          ) : (
                            <IconMinus size={18} color="var(--mantine-color-gray-5)" />
                          )}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            </Tabs.Panel>
            <Tabs.Panel value="resources" pt="md">
              <Stack>
                <Text size="sm" c="dimmed">
                  Levels, lowest to highest:{' '}
                  {matrix.levels
                    .filter((l) => l !== 'NONE')
                    .map((l) => ACCESS_LEVEL_LABELS[l])
                    .join(' < ')}
                  . Org owners are admins of every resource; access to a project reaches its live assistants.
                </Text>
                {matrix.resourceTypes.map((t) => (
                  <Card key={t.type} withBorder>
                    <Group justify="space-between" mb="xs">
                      <Title order={4}>{t.label}</Title>
                      <Text size="xs" c="dimmed">
                        Grantable: {t.grantableLevels.map((l) => ACCESS_LEVEL_LABELS[l]).join(', ')} · created by those who may{' '}
                        {actionWords(t.createCapability)}
                      </Text>
                    </Group>
                    <ScrollTable aria-label={`${t.label} actions`}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Action</Table.Th>
                          <Table.Th>Needs at least</Table.Th>
                          <Table.Th>And the capability</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {t.actions.map((a) => (
                          <Table.Tr key={a.action}>
                            <Table.Td>
                              <Text size="sm">{capitalized(actionWords(a.action))}</Text>
                              <Text size="xs" c="dimmed" ff="monospace">
                                {a.action}
                              </Text>
                            </Table.Td>
                            <Table.Td>{ACCESS_LEVEL_LABELS[a.minLevel]}</Table.Td>
                            <Table.Td>{a.capability ? capitalized(actionWords(a.capability)) : '—'}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </ScrollTable>
                  </Card>
                ))}
              </Stack>
            </Tabs.Panel>
          </Tabs>
        )}
      </QueryState>
    </Stack>
  );
}
