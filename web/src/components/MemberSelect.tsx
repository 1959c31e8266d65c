import { Select } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../graphql/generated';
import { useServerSearch } from './serverSearch';

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
  const { search, selectProps } = useServerSearch(value);
  // While a new search is asked, the last answer stays: the list does not empty under the keyboard, between a name
  // typed and the server's answer (an Enter then chose nothing).
  const { data, previousData } = useQuery(MEMBER_OPTIONS, { variables: { search } });
  const options = ((data ?? previousData)?.members.edges ?? [])
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
      {...selectProps(options)}
      value={value}
      onChange={onChange}
      nothingFoundMessage="No member found"
      w={label ? undefined : 260}
    />
  );
}
