import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Avatar, Badge, Button, Group, List, Modal, MultiSelect, ScrollArea, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@apollo/client/react';
import { IconArrowBackUp, IconX } from '@tabler/icons-react';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY, type GrantLevel, type ResourceType } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import { describeError } from '../app/errors';
import { QueryState } from './QueryState';
import { LevelBadge } from './LevelBadge';
import { initials } from './initials';
import { levelDescription } from './actionWords';
import { useConfirmation } from './ConfirmDialog';
import {
  accessRemovals,
  describeRemoval,
  operationInput,
  planShareChanges,
  removalTitle,
  subjectKey,
  takesOwnAccess,
  type ExistingGrant,
  type ShareSubject,
  type Sharee,
} from './sharePlan';
import { useViewer } from '../app/viewer';
import { ChangePreview } from './lifecycle/ChangePreview';
import { ExpiryPicker } from './lifecycle/ExpiryPicker';
import { NO_END, describeExpiry, expiresAtWhenSent, type ExpiryChoice } from './lifecycle/expiryPresets';

export const SHARE_DIALOG = graphql(`
  query ShareDialog($id: ID!) {
    resource(id: $id) {
      id
      name
      type
      myLevel
      owner {
        id
        name
        email
      }
      ... on Assistant {
        status
        visibility
      }
      sharedWith {
        id
        level
        expiresAt
        viewerCanRevoke
        user {
          id
          name
          email
        }
        team {
          id
          name
        }
      }
    }
    resourceAccess(resourceId: $id) {
      userId
      isPublic
      level
      user {
        id
        name
        email
      }
      reasons {
        source
        winning
        summary
        teamId
      }
    }
  }
`);

const SHARE_CANDIDATES = graphql(`
  query ShareCandidates($search: String) {
    members(first: 50, search: $search) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
    teams(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const GRANT = graphql(`
  mutation GrantAccess($input: GrantAccessInput!) {
    grantAccess(input: $input) {
      id
      level
    }
  }
`);

const REVOKE = graphql(`
  mutation RevokeAccess($input: RevokeAccessInput!) {
    revokeAccess(input: $input)
  }
`);

const parseSharee = (value: string): ShareSubject => (value.startsWith('team:') ? { teamId: value.slice(5) } : { userId: value.slice(5) });

/**
 * The share dialog, like a drive's: add several people and teams at once at
 * one level (each level says in a line what it allows), change or remove
 * existing shares, and see everyone with access — the owner, direct shares,
 * and those with access through a team, a parent or their role. Nothing
 * changes until Save; Save asks first when it takes access away. While an
 * assistant is live and public, adding people is disabled (its existing
 * shares stay). New shares may end at a date (the expiry picker beside the level).
 */
export function ShareDialog({ resourceId, type, opened, onClose }: { resourceId: string; type: ResourceType; opened: boolean; onClose: () => void }) {
  const registry = RESOURCE_TYPE_REGISTRY[type];
  const query = useQuery(SHARE_DIALOG, { variables: { id: resourceId }, skip: !opened, fetchPolicy: 'cache-and-network' });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const candidates = useQuery(SHARE_CANDIDATES, { variables: { search: debounced || null }, skip: !opened });
  const [grant] = useMutation(GRANT);
  const [revoke] = useMutation(REVOKE);
  const { ask, dialog, asking } = useConfirmation();
  const { viewer } = useViewer();

  const [added, setAdded] = useState<string[]>([]);
  const [addLevel, setAddLevel] = useState<GrantLevel>(registry.defaultShareLevel);
  // The end for those added, as the picker shows it: started over with the rest of the form (the picker is unmounted with the closed dialog).
  const [addExpiry, setAddExpiry] = useState<ExpiryChoice>(NO_END);
  const [levelChanges, setLevelChanges] = useState<ReadonlyMap<string, GrantLevel>>(new Map());
  const [removals, setRemovals] = useState<ReadonlySet<string>>(new Set());
  /** The share whose removal was just undone: its "Stop sharing" button, back in place of Undo, takes the focus. */
  const [undone, setUndone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => setAddLevel(registry.defaultShareLevel), [registry.defaultShareLevel]);

  const resource = query.data?.resource;
  const isPublic = resource?.__typename === 'Assistant' && resource.visibility === 'PUBLIC' && resource.status === 'LIVE';
  const grants: ExistingGrant[] = useMemo(
    () =>
      (resource?.sharedWith ?? []).map((g) => ({
        id: g.id,
        level: g.level,
        subject: g.user ? { userId: g.user.id } : { teamId: g.team?.id ?? '' },
        label: g.user ? g.user.name : `Team ${g.team?.name ?? ''}`,
        expiresAt: g.expiresAt ?? null,
      })),
    [resource?.sharedWith],
  );
  const directKeys = new Set(grants.map((g) => subjectKey(g.subject)));
  const options = [
    {
      group: 'Members',
      items: (candidates.data?.members.edges ?? [])
        .filter(({ node }) => node.id !== resource?.owner.id)
        .map(({ node }) => ({ value: `user:${node.id}`, label: `${node.name} (${node.email})` })),
    },
    { group: 'Teams', items: (candidates.data?.teams.edges ?? []).map(({ node }) => ({ value: `team:${node.id}`, label: `Team ${node.name}` })) },
  ];
  const additions: Sharee[] = added.map((value) => ({ subject: parseSharee(value), label: labels.get(value) ?? value }));
  // The saver and the teams that give them access here: Save takes such access away last.
  const viewerId = viewer?.account?.id;
  const ownEntry = query.data?.resourceAccess.find((entry) => entry.userId !== null && entry.userId === viewerId);
  const ownSubjects = new Set([
    ...(viewerId ? [subjectKey({ userId: viewerId })] : []),
    ...(ownEntry?.reasons ?? []).flatMap((r) => (r.source === 'TEAM_GRANT' && r.teamId ? [subjectKey({ teamId: r.teamId })] : [])),
  ]);
  // What Save sends, planned at the moment it is sent ("7 days" counts from then).
  const operationsAt = (now: Date) =>
    planShareChanges(grants, { additions, addLevel, addExpiresAt: expiresAtWhenSent(addExpiry, now), levelChanges, removals }, ownSubjects);
  const operations = operationsAt(new Date());
  // An end date that gives no end (none picked, or passed) holds back Save while anyone is being added; the field says why.
  const expiryBlocksSave = additions.length > 0 && addExpiry.error !== null;
  const others = (query.data?.resourceAccess ?? []).filter((entry) => {
    if (entry.isPublic) return true;
    if (entry.userId === resource?.owner.id) return false;
    const winning = entry.reasons.find((r) => r.winning);
    return !(winning?.source === 'DIRECT_GRANT' && entry.userId && directKeys.has(`user:${entry.userId}`));
  });
  const levels = registry.grantableLevels;
  const levelData = levels.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }));

  const reset = () => {
    setUndone(null);
    setAdded([]);
    setAddLevel(registry.defaultShareLevel);
    setAddExpiry(NO_END);
    setLevelChanges(new Map());
    setRemovals(new Set());
    setFailures([]);
    setSearch('');
  };
  const close = () => {
    reset();
    onClose();
  };
  const apply = async () => {
    setSaving(true);
    const failed: string[] = [];
    for (const operation of operationsAt(new Date())) {
      // Taking away the saver's own access comes last; after a failure it is not made, so they may still put things right.
      if (failed.length > 0 && takesOwnAccess(operation, ownSubjects)) {
        failed.push(`${operation.label}: not changed, because the changes above were not all made.`);
        continue;
      }
      try {
        const input = operationInput(resourceId, operation);
        if ('revokeAccess' in input) await revoke({ variables: { input: input.revokeAccess } });
        else await grant({ variables: { input: input.grantAccess } });
      } catch (error) {
        failed.push(`${operation.label}: ${describeError(error).message}`);
      }
    }
    // Read again what was saved; a saver who has just given up their own access can no longer read it, and that is expected.
    await query.refetch().catch(() => undefined);
    setSaving(false);
    if (failed.length > 0) {
      reset();
      setFailures(failed);
      throw new Error(failed.length === 1 ? 'One change was not made.' : `${failed.length} changes were not made.`);
    }
    close();
  };
  const save = () => {
    if (expiryBlocksSave) return;
    const removing = accessRemovals(operations);
    if (removing.length === 0) {
      void apply().catch(() => undefined);
      return;
    }
    ask({
      title: removalTitle(removing),
      message: 'Saving makes these changes now; people who have access another way keep it.',
      // Each removal in words, then what the whole Save does to everyone's access: the very inputs Save sends, in its order.
      details: (
        <Stack gap="sm">
          <List size="sm">
            {removing.map((o) => (
              <List.Item key={subjectKey(o.subject)}>{describeRemoval(o, viewerId)}</List.Item>
            ))}
          </List>
          <ChangePreview changes={operations.map((o) => operationInput(resourceId, o))} />
        </Stack>
      ),
      confirmLabel: 'Save and remove access',
      danger: true,
      onConfirm: apply,
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      // While "Take this access away?" is open, Escape is its Cancel: back here, with the changes kept.
      closeOnEscape={!asking}
      title={`Share ${registry.label.toLowerCase()} “${resource?.name ?? ''}”`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      fullScreen={false}
    >
      <QueryState loading={query.loading && !resource} error={query.error}>
        <Stack>
          {isPublic ? (
            <Alert color="blue">This assistant is live and public: everyone may read and chat with it. Make it private to add people.</Alert>
          ) : (
            <Stack gap="xs">
              <MultiSelect
                label="Add people and teams"
                placeholder={added.length === 0 ? 'Search members or teams' : undefined}
                data={options}
                value={added}
                onChange={(values) => {
                  const all = options.flatMap((g) => g.items);
                  setLabels((current) => {
                    const next = new Map(current);
                    for (const v of values) next.set(v, all.find((o) => o.value === v)?.label ?? current.get(v) ?? v);
                    return next;
                  });
                  setAdded(values);
                  setFailures([]);
                }}
                searchable
                searchValue={search}
                onSearchChange={setSearch}
                nothingFoundMessage="Nobody found"
                hidePickedOptions
              />
              <Group align="flex-end" wrap="wrap">
                <Select label="Level" data={levelData} value={addLevel} onChange={(v) => v && setAddLevel(v as GrantLevel)} allowDeselect={false} w={140} />
                <ExpiryPicker value={addExpiry} onChange={setAddExpiry} />
              </Group>
              <Text size="sm" c="dimmed" data-testid="level-description">
                {ACCESS_LEVEL_LABELS[addLevel]}: {levelDescription(type, addLevel)}
              </Text>
            </Stack>
          )}
          {failures.length > 0 && (
            <Alert color="red" title="Not everything was saved" role="alert">
              <List size="sm">
                {failures.map((f) => (
                  <List.Item key={f}>{f}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Text fw={500}>People with access</Text>
          <ScrollArea.Autosize mah={320} type="auto" scrollbars="y">
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="People with access">
              {resource && (
                <AccessRow name={resource.owner.name} detail={resource.owner.email ?? 'Owner of this resource'}>
                  <Badge variant="light" color="dark">
                    Owner
                  </Badge>
                </AccessRow>
              )}
              {grants.map((g) => {
                const grantRow = resource?.sharedWith?.find((s) => s.id === g.id);
                const removed = removals.has(g.id);
                return (
                  <AccessRow
                    key={g.id}
                    name={g.label}
                    detail={`${grantRow?.user?.email ?? 'Shared with the team'}${g.expiresAt ? ` · ${describeExpiry(g.expiresAt)}` : ''}`}
                    struck={removed}
                  >
                    {removed ? (
                      // Shown in place of the button just pressed, so it takes the focus (else it falls to the page).
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconArrowBackUp size={14} />}
                        aria-label={`Undo stop sharing with ${g.label}`}
                        autoFocus
                        onClick={() => {
                          setUndone(g.id);
                          setRemovals((r) => new Set([...r].filter((id) => id !== g.id)));
                        }}
                      >
                        Undo
                      </Button>
                    ) : (
                      <>
                        <Select
                          aria-label={`Level of ${g.label}`}
                          data={levelData}
                          value={levelChanges.get(g.id) ?? g.level}
                          allowDeselect={false}
                          disabled={!grantRow?.viewerCanRevoke}
                          w={120}
                          onChange={(v) => v && setLevelChanges((m) => new Map(m).set(g.id, v as GrantLevel))}
                        />
                        {grantRow?.viewerCanRevoke && (
                          <Tooltip label={`Stop sharing with ${g.label}`}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Stop sharing with ${g.label}`}
                              autoFocus={undone === g.id}
                              onClick={() => setRemovals((r) => new Set(r).add(g.id))}
                            >
                              <IconX size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </>
                    )}
                  </AccessRow>
                );
              })}
              {others.map((entry) => (
                <AccessRow
                  key={entry.userId ?? 'public'}
                  name={entry.isPublic ? 'Everyone (live and public)' : (entry.user?.name ?? '')}
                  detail={entry.reasons.find((r) => r.winning)?.summary ?? ''}
                >
                  <LevelBadge level={entry.level} />
                </AccessRow>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            {operations.length > 0 ? (
              <>
                <Button variant="default" onClick={reset} disabled={saving}>
                  Discard changes
                </Button>
                <Button onClick={save} loading={saving} disabled={expiryBlocksSave}>
                  Save
                </Button>
              </>
            ) : (
              <Button onClick={close}>Done</Button>
            )}
          </Group>
        </Stack>
      </QueryState>
      {dialog}
    </Modal>
  );
}

/**
 * One person (or team) with access: who on the left, the controls on the
 * right. The controls keep their size and the name and email wrap, anywhere
 * if they must (an email has no spaces), so on a phone the level and the
 * remove button stay in view instead of being pushed past the dialog's edge.
 */
function AccessRow({ name, detail, struck, children }: { name: string; detail: string; struck?: boolean; children: ReactNode }) {
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
        <Avatar size="sm" radius="xl" color="indigo">
          {initials(name)}
        </Avatar>
        <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Text size="sm" fw={500} td={struck ? 'line-through' : undefined}>
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        </div>
      </Group>
      <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
        {children}
      </Group>
    </Group>
  );
}
