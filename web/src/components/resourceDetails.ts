import { graphql } from '../graphql/generated';

/** Renames a resource or changes its description; the cache follows from the returned fields. */
export const UPDATE_RESOURCE_DETAILS = graphql(`
  mutation UpdateResourceDetails($input: UpdateResourceInput!) {
    updateResource(input: $input) {
      id
      name
      description
    }
  }
`);
