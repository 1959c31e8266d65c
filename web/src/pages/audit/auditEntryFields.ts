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
