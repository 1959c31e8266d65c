import { useState } from 'react';
import { Alert, Anchor, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { ACCESS_LEVEL_LABELS, RESOURCE_TYPE_REGISTRY } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import type { ChangeInput } from '../../graphql/generated/graphql';
import { describeError } from '../../app/errors';
import { previewSentence } from './previewSentences';
import { grouped } from '../plural';

/** One change is a list of one: previewChanges answers it exactly as previewChange would. */
const PREVIEW_CHANGES = graphql(`
  query PreviewChanges($changes: [ChangeInput!]!) {
    previewChanges(changes: $changes, itemsPerUser: 20) {
      affectedUsers
      totalGains
      totalLosses
      hasMoreUsers
      users {
        userId
        user {
          id
          name
        }
        gains
        losses
        lostAccess
        hasMore
        changes {
          resourceType
          before
          after
          gain
          resource {
            id
            name
          }
        }
      }
    }
  }
`);

/**
 * What a change (or several, made in order: a share dialog's Save) would do
 * to everyone's access, before it is made: one line per person ("Jo will lose
 * access to 14 resources — show"), each expandable to the resources and
 * levels (before → after). Computed by the server's evaluator; authorized
 * like the changes themselves.
 */
export function ChangePreview(props: { readonly change: ChangeInput } | { readonly changes: readonly ChangeInput[] }) {
  const one = 'change' in props;
  const changes = one ? [props.change] : [...props.changes];
  const query = useQuery(PREVIEW_CHANGES, { variables: { changes }, fetchPolicy: 'network-only' });
  const [open, setOpen] = useState<Record<string, boolean>>({});
  if (query.loading) return <Loader size="sm" aria-label={one ? 'Computing what this change does' : 'Computing what these changes do'} />;
  if (query.error) return <Alert color="red">{describeError(query.error).message}</Alert>;
  const preview = query.data?.previewChanges;
  if (!preview) return null;
  if (preview.affectedUsers === 0) return <Text size="sm">Nobody’s access changes.</Text>;
  return (
    <Stack gap="xs" aria-label="What this change does">
      {preview.users.map((user) => {
        const key = user.userId ?? 'everyone';
        const name = user.userId === null ? 'Everyone' : (user.user?.name ?? 'A former member');
        return (
          <Stack key={key} gap={2}>
            <Group gap="xs">
              <Text size="sm">{previewSentence({ ...user, name })}</Text>
              <Anchor size="sm" component="button" type="button" onClick={() => setOpen((o) => ({ ...o, [key]: !o[key] }))}>
                {open[key] ? 'hide' : 'show'}
              </Anchor>
            </Group>
            {open[key] && (
              <List size="sm" withPadding>
                {user.changes.map((c, i) => (
                  <List.Item key={`${c.resource?.id ?? 'hidden'}-${i}`}>
                    {c.resource?.name ?? `A ${RESOURCE_TYPE_REGISTRY[c.resourceType].label.toLowerCase()} you cannot see`}: {ACCESS_LEVEL_LABELS[c.before]} →{' '}
                    {ACCESS_LEVEL_LABELS[c.after]}
                  </List.Item>
                ))}
                {user.hasMore && <List.Item>…and more</List.Item>}
              </List>
            )}
          </Stack>
        );
      })}
      {preview.hasMoreUsers && <Text size="sm">…and {grouped(preview.affectedUsers - preview.users.length)} more people.</Text>}
    </Stack>
  );
}
