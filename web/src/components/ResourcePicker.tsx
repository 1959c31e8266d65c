import { Select } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { RESOURCE_TYPE_REGISTRY, type ResourceType } from '@rolegraph/shared';
import { graphql } from '../graphql/generated';
import { useServerSearch } from './serverSearch';

const RESOURCE_OPTIONS = graphql(`
  query ResourceOptions($type: ResourceType, $search: String) {
    resources(first: 50, type: $type, search: $search) {
      edges {
        node {
          id
          name
          type
          parent {
            id
            name
          }
        }
      }
    }
  }
`);

/** Picks a resource the viewer can read, of one type or any, by name (searches as you type). */
export function ResourcePicker({
  type,
  label,
  description,
  value,
  onChange,
  required,
  'aria-label': ariaLabel,
}: {
  type?: ResourceType | null;
  label?: string;
  description?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  required?: boolean;
  'aria-label'?: string;
}) {
  const { search, selectProps } = useServerSearch(value);
  const { data, loading } = useQuery(RESOURCE_OPTIONS, { variables: { type: type ?? null, search } });
  const options = (data?.resources.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: `${node.name}${type ? '' : ` · ${RESOURCE_TYPE_REGISTRY[node.type].label}`}${node.parent ? ` (in ${node.parent.name})` : ''}`,
  }));
  return (
    <Select
      label={label}
      description={description}
      aria-label={ariaLabel ?? label}
      placeholder={loading ? 'Loading…' : `Search ${type ? RESOURCE_TYPE_REGISTRY[type].pluralLabel.toLowerCase() : 'resources'}`}
      searchable
      clearable
      required={required}
      {...selectProps(options)}
      value={value}
      onChange={onChange}
      nothingFoundMessage="Nothing found"
      miw={260}
    />
  );
}
