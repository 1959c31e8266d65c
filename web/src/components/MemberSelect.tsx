import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../graphql/generated';

const MEMBER_OPTIONS = graphql(`
  query MemberOptions($search: String) {
    members(first: 50, search: $search) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`);

/** Picks a member of the organization by name or email (searches as you type). */
export function MemberSelect({
  label,
  description,
  value,
  onChange,
  exclude = [],
  'aria-label': ariaLabel,
}: {
  label?: string;
  description?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  exclude?: readonly string[];
  'aria-label'?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const { data } = useQuery(MEMBER_OPTIONS, { variables: { search: debounced || null } });
  const options = (data?.members.edges ?? [])
    .map(({ node }) => node)
    .filter((m) => !exclude.includes(m.id))
    .map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }));
  return (
    <Select
      label={label}
      description={description}
      aria-label={ariaLabel ?? label}
      placeholder="Search members"
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      nothingFoundMessage="No member found"
      w={label ? undefined : 260}
    />
  );
}
