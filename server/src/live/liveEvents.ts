/**
 * Events the server publishes after a change commits. They carry
 * ids only: each subscriber re-reads and re-authorizes at delivery. See
 * docs/live-events.md for the wire contract.
 */
export type MemberChange = 'INVITED' | 'INVITATION_REVOKED' | 'JOINED' | 'ROLE_CHANGED' | 'REMOVED' | 'LEFT';

export type TeamChange = 'CREATED' | 'UPDATED' | 'DELETED' | 'MEMBERS_CHANGED' | 'GRANTS_CHANGED';

export type LiveEvent =
  | { readonly type: 'notificationAdded'; readonly organizationId: string; readonly accountId: string; readonly notificationId: string }
  | {
      /** Something that may change these accounts' effective access changed; `accountIds: 'ALL'` when it may affect anyone in the organization. */
      readonly type: 'accessChanged';
      readonly organizationId: string;
      readonly accountIds: readonly string[] | 'ALL';
      readonly reason: string;
    }
  | {
      readonly type: 'memberChanged';
      readonly organizationId: string;
      readonly change: MemberChange;
      readonly accountId: string | null;
      readonly invitationId: string | null;
    }
  /** A bulk import added members, teams, resources and grants at once (too many to tell one by one). */
  | { readonly type: 'directoryImported'; readonly organizationId: string }
  /** A team was created, renamed, deleted, or its members or grants changed. */
  | { readonly type: 'teamChanged'; readonly organizationId: string; readonly teamId: string; readonly change: TeamChange }
  /** Who has access to these resources changed; `'ALL'` when it may be any of them (an org owner made or unmade). */
  | { readonly type: 'resourceAccessChanged'; readonly organizationId: string; readonly resourceIds: readonly string[] | 'ALL' }
  | { readonly type: 'auditEventAdded'; readonly organizationId: string; readonly auditEntryId: string }
  /** A member left or was removed: their sockets for this organization close. */
  | { readonly type: 'membershipEnded'; readonly organizationId: string; readonly accountId: string }
  /** A session ended (sign-out, or it moved to another organization): its sockets close. */
  | { readonly type: 'sessionEnded'; readonly sessionId: string }
  /** A command committed effective-level changes to the organization's change log, at this revision (the accessChanges stream). */
  | { readonly type: 'accessChangesLogged'; readonly organizationId: string; readonly revision: string }
  /** An API key was revoked: its sockets close. */
  | { readonly type: 'apiKeyRevoked'; readonly apiKeyId: string }
  /** The organization's profile (its name) changed. */
  | { readonly type: 'organizationChanged'; readonly organizationId: string }
  /** The organization was deleted: every socket acting in it closes, and instances forget it. */
  | { readonly type: 'organizationDeleted'; readonly organizationId: string };

export type LiveEventType = LiveEvent['type'];

/** Where committed changes are announced: hands the event over at once, never waits and never throws. */
export interface LiveEventPublisher {
  publish(event: LiveEvent): void;
}

/** The id sets of events addressed to some accounts or resources, made once per event however many subscribers ask. */
const addressees = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Whether an event's ids (the accounts of `accessChanged`, the resources of
 * `resourceAccessChanged`) include this one: a set lookup, so a team's
 * thousand members cost each subscriber one.
 */
export function addressedTo(ids: readonly string[] | 'ALL', id: string): boolean {
  if (ids === 'ALL') return true;
  let set = addressees.get(ids);
  if (!set) {
    set = new Set(ids);
    addressees.set(ids, set);
  }
  return set.has(id);
}
