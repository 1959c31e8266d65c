import type { ApolloCache } from '@apollo/client';

/**
 * Cache updates for changes whose effects reach lists on other pages: the
 * list fields are dropped from the cache, so the queries watching them fetch
 * again (and pages opened later start fresh). No query is named by a string.
 */
export function evictLists(cache: ApolloCache, ...fieldNames: string[]): void {
  for (const fieldName of fieldNames) cache.evict({ id: 'ROOT_QUERY', fieldName });
  cache.gc();
}

/** Drops one object (a deleted resource, a removed member) and the lists that held it. */
export function evictObject(cache: ApolloCache, object: { __typename?: string; id: string }, ...listFieldNames: string[]): void {
  const id = cache.identify(object as { __typename: string; id: string });
  if (id) cache.evict({ id });
  evictLists(cache, ...listFieldNames);
}
