import { Select } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../graphql/generated';

const TEAM_OPTIONS = graphql(`
  query TeamOptions {
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

/** Picks a team of the organization. */
export function TeamSelect({ value, onChange, label }: { value: string | null; onChange: (id: string | null) => void; label?: string }) {
  const { data } = useQuery(TEAM_OPTIONS);
  return (
    <Select
      label={label}
      aria-label={label ?? 'Team'}
      placeholder="Choose a team"
      searchable
      clearable
      data={(data?.teams.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage="No team found"
      w={label ? undefined : 260}
    />
  );
}
