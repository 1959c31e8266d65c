import { InMemoryCache, gql } from '@apollo/client';
import { newestFirstPagination, withNewestEntries } from '../src/app/newestFirstPagination';

const edge = (id: string) => ({ node: { id } });
const idOf = (e: { node: { id: string } }) => e.node.id;
const ids = (edges: readonly { node: { id: string } }[] | null) => edges?.map((e) => e.node.id) ?? null;

describe('the audit log told of new entries', () => {
  it('puts the new ones on top and keeps every entry shown, the pages brought in by "Load more" included', () => {
    const shown = ['e5', 'e4', 'e3', 'e2', 'e1'].map(edge);
    expect(ids(withNewestEntries(shown, ['e7', 'e6', 'e5', 'e4'].map(edge), idOf))).toEqual(['e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
  });

  it('takes in an entry that committed late with an older place, where the fresh page puts it', () => {
    const shown = ['e5', 'e3', 'e2', 'e1'].map(edge);
    expect(ids(withNewestEntries(shown, ['e6', 'e5', 'e4', 'e3'].map(edge), idOf))).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
  });

  it('changes nothing when the first page holds nothing new', () => {
    const shown = ['e2', 'e1'].map(edge);
    expect(ids(withNewestEntries(shown, ['e2', 'e1'].map(edge), idOf))).toEqual(['e2', 'e1']);
  });

  it('starts over when more arrived than a page holds, or nothing was shown', () => {
    expect(withNewestEntries(['e2', 'e1'].map(edge), ['e9', 'e8'].map(edge), idOf)).toBeNull();
    expect(withNewestEntries([], ['e1'].map(edge), idOf)).toBeNull();
  });
});

describe('the audit log in the cache', () => {
  const LOG = gql`
    query Log($after: String) {
      auditLog(first: 2, after: $after) {
        totalCount
        edges {
          node {
            id
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `;
  const entry = (id: string) => ({ __typename: 'AuditEntryEdge', node: { __typename: 'AuditEntry', id } });
  const page = (entries: string[], totalCount: number, endCursor: string, hasNextPage: boolean) => ({
    auditLog: { __typename: 'AuditEntryConnection', totalCount, edges: entries.map(entry), pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor } },
  });
  const newCache = () => new InMemoryCache({ typePolicies: { Query: { fields: { auditLog: newestFirstPagination(['filter']) } } } });
  const shownIds = (cache: InMemoryCache) =>
    cache.readQuery<{ auditLog: { edges: { node: { id: string } }[] } }>({ query: LOG })?.auditLog.edges.map((e) => e.node.id);

  it('a refetched first page puts new entries on top of the pages "Load more" brought in, and "Load more" goes on from the end', () => {
    const cache = newCache();
    cache.writeQuery({ query: LOG, data: page(['e4', 'e3'], 4, 'c3', true) });
    cache.writeQuery({ query: LOG, variables: { after: 'c3' }, data: page(['e2', 'e1'], 4, 'c1', false) });
    expect(shownIds(cache)).toEqual(['e4', 'e3', 'e2', 'e1']);
    cache.writeQuery({ query: LOG, data: page(['e5', 'e4'], 5, 'c4', true) });
    expect(shownIds(cache)).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
    const read = cache.readQuery<{ auditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } } }>({ query: LOG });
    expect(read?.auditLog.totalCount).toBe(5);
    expect(read?.auditLog.pageInfo).toMatchObject({ hasNextPage: false, endCursor: 'c1' });
  });

  it('starts over when the fresh first page does not reach what is shown', () => {
    const cache = newCache();
    cache.writeQuery({ query: LOG, data: page(['e2', 'e1'], 2, 'c1', false) });
    cache.writeQuery({ query: LOG, data: page(['e9', 'e8'], 9, 'c8', true) });
    expect(shownIds(cache)).toEqual(['e9', 'e8']);
  });
});
