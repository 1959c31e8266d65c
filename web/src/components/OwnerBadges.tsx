import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { graphql } from '../graphql/generated';
import type { ResourcePeopleFragment } from '../graphql/generated/graphql';
import { initials } from './initials';

/**
 * What a resource's owner badges read: its owner and its direct grants.
 * Queries spread it on every resource whose badges a page shows.
 */
export const RESOURCE_PEOPLE = graphql(`
  fragment ResourcePeople on Resource {
    owner {
      id
      name
      isMember
    }
    sharedWith {
      id
      user {
        id
        name
      }
      team {
        id
        name
      }
    }
  }
`);

export interface BadgePerson {
  readonly name: string;
  readonly isTeam?: boolean;
}

/**
 * Owner badges in the seed's style: "Owner: HA • Shared with: JD", as
 * initials avatars with the full names on hover. A former owner is marked.
 */
export function OwnerBadges({ owner, ownerIsMember = true, sharedWith }: { owner: BadgePerson; ownerIsMember?: boolean; sharedWith: readonly BadgePerson[] }) {
  const label = `Owner: ${owner.name}${ownerIsMember ? '' : ' (former member)'}${sharedWith.length ? ` • Shared with: ${sharedWith.map((s) => s.name).join(', ')}` : ''}`;
  return (
    <Group gap={6} wrap="nowrap" aria-label={label}>
      <Text size="xs" c="dimmed">
        Owner:
      </Text>
      <Tooltip label={ownerIsMember ? owner.name : `${owner.name} (former member)`}>
        <Avatar size="sm" radius="xl" color={ownerIsMember ? 'indigo' : 'gray'}>
          {initials(owner.name)}
        </Avatar>
      </Tooltip>
      {sharedWith.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            • Shared with:
          </Text>
          <Avatar.Group spacing="xs">
            {sharedWith.slice(0, 4).map((person, i) => (
              <Tooltip key={`${person.name}-${i}`} label={person.isTeam ? `Team ${person.name}` : person.name}>
                <Avatar size="sm" radius="xl" color={person.isTeam ? 'teal' : 'grape'}>
                  {initials(person.name)}
                </Avatar>
              </Tooltip>
            ))}
            {sharedWith.length > 4 && (
              <Avatar size="sm" radius="xl">
                +{sharedWith.length - 4}
              </Avatar>
            )}
          </Avatar.Group>
        </>
      )}
    </Group>
  );
}

/** Who a resource's direct grants name, for the badges. */
export function sharedWithOf(grants: readonly { user?: { name: string } | null; team?: { name: string } | null }[]): BadgePerson[] {
  return grants.flatMap((g) => (g.user ? [{ name: g.user.name }] : g.team ? [{ name: g.team.name, isTeam: true }] : []));
}

/** A resource's owner badges, from the fields of `ResourcePeople`. */
export function ResourceOwnerBadges({ resource }: { resource: ResourcePeopleFragment }) {
  return <OwnerBadges owner={resource.owner} ownerIsMember={resource.owner.isMember} sharedWith={sharedWithOf(resource.sharedWith ?? [])} />;
}
