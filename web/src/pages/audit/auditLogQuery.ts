import { graphql } from '../../graphql/generated';

/** What the audit log page shows of an entry, and what its download writes: the whole entry. */
export const AUDIT_ENTRY_FIELDS = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    action
    outcome
    createdAt
    targetType
    targetId
    targetLabel
    requestId
    before
    after
    actor {
      id
      type
      label
    }
  }
`);

/** One page of the audit log, newest first: the page reads 50 at a time, the download 100 (the most a page holds). */
export const AUDIT_LOG = graphql(`
  query AuditLog($filter: AuditLogFilter, $after: String, $first: Int!) {
    auditLog(first: $first, filter: $filter, after: $after) {
      totalCount
      edges {
        node {
          ...AuditEntryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
