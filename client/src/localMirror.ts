import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { levelAtLeast, RESOURCE_TYPE_REGISTRY, RESOURCE_TYPES, type EffectiveLevel, type ResourceType } from '@rolegraph/shared';
import type { RolegraphClient } from './rolegraphClient';
import { isAtLeast, laterOf, revisionOf } from './revisionTokens';
import type { AccessLevelChange, CheckInput } from './types';

export interface LocalMirrorOptions {
  /** The users whose checks the mirror answers in process; checks for anyone else go to the server. */
  readonly users: readonly string[];
  /** How long a check waits for the mirror to reach the revision it needs before asking the server instead (ms; default 1000). */
  readonly waitMs?: number;
  /** Pause before following the stream again after a disconnect (ms; default 500). */
  readonly reconnectMs?: number;
}

/** A mirror's answer: where it came from and the revision it is at least as fresh as. */
export interface MirrorDecision {
  readonly allowed: boolean;
  readonly level: EffectiveLevel;
  readonly revision: string;
  /** MIRROR: answered in process; SERVER: the mirror could not (another user, a capability, a rule beyond the level, or it was not fresh enough in time). */
  readonly answeredBy: 'MIRROR' | 'SERVER';
}

const SUBSCRIBE = `subscription Follow($after: String) { accessChanges(after: $after) { kind userId resourceId resourceType before after revision endOfRevision } }`;
const PAGE = 100;
const BATCH = 1000;

/** The action's requirement, when a level alone decides it (no capability, no allowance); else undefined. */
function levelOnly(type: ResourceType, action: string): EffectiveLevel | undefined {
  const requirement = RESOURCE_TYPE_REGISTRY[type].actions[action];
  if (!requirement || requirement.capability || requirement.orgOwners || requirement.formerMembersAssets) return undefined;
  return requirement.minLevel;
}

/** Actions that, on every type that has them, need a level and nothing else: without any level they are denied. */
const LEVEL_ONLY_EVERYWHERE: ReadonlySet<string> = new Set(
  RESOURCE_TYPES.flatMap((type) => Object.keys(RESOURCE_TYPE_REGISTRY[type].actions)).filter((action) =>
    RESOURCE_TYPES.every((type) => !RESOURCE_TYPE_REGISTRY[type].actions[action] || levelOnly(type, action) !== undefined),
  ),
);

/**
 * Effective levels of a few users on every resource, kept in this process
 * and brought forward by the `accessChanges` stream, so their checks are
 * answered without a request. A check is never answered from a state older
 * than the revision it asks for (by default the client's most recent): the
 * mirror waits for the stream to get there, up to `waitMs`, and otherwise
 * asks the server. Changes are applied a whole revision at a time. After a
 * disconnect it follows the stream again from the last revision it has
 * whole; when the server says it cannot (RESYNC_REQUIRED), it reads the
 * state afresh.
 */
export class LocalMirror {
  private readonly users: ReadonlySet<string>;
  private readonly levels = new Map<string, EffectiveLevel>();
  private readonly types = new Map<string, ResourceType>();
  /** Levels read at a revision: a change of that revision or before is already in them. */
  private readonly readAt = new Map<string, bigint>();
  /** The last revision the mirror has whole. */
  private position: string | null = null;
  /** The revision the initial read reached: the mirror answers nothing before the stream gets there. */
  private readyAt: string | null = null;
  private pending: AccessLevelChange[] = [];
  private socket: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private waiters: { token: string; resolve: () => void }[] = [];
  private closed = false;
  private starting: Promise<void> | null = null;

  private constructor(
    private readonly client: RolegraphClient,
    private readonly options: LocalMirrorOptions,
  ) {
    this.users = new Set(options.users.map((u) => u.toLowerCase()));
  }

  /** Reads the watched users' levels and follows the stream; resolves once the mirror is exact at some revision. */
  static async start(client: RolegraphClient, options: LocalMirrorOptions): Promise<LocalMirror> {
    const mirror = new LocalMirror(client, options);
    await mirror.load();
    await mirror.until(mirror.readyAt!, 30_000);
    return mirror;
  }

  /** The last revision token the mirror has whole (null before it has one). */
  get revision(): string | null {
    if (this.starting) return null;
    return this.position && this.readyAt && isAtLeast(this.position, this.readyAt) ? this.position : null;
  }

  /**
   * May the user do the action on the resource? In process when the mirror
   * watches the user, knows the resource's type, the level alone decides
   * the action, and the mirror has reached `atLeast` (default: the client's
   * most recent revision) within `waitMs`; otherwise by the server, AT_LEAST
   * that revision.
   */
  async check(input: CheckInput, atLeast: string | null = this.client.revision): Promise<MirrorDecision> {
    const userId = input.userId.toLowerCase();
    const resourceId = input.resourceId?.toLowerCase();
    const known = resourceId ? this.types.get(resourceId) : undefined;
    // A resource the mirror has not seen yet may come with the revision it waits for.
    if (resourceId && this.users.has(userId) && (known === undefined || levelOnly(known, input.action))) {
      const wanted = laterOf(atLeast, this.readyAt);
      if (wanted && (await this.until(wanted, this.options.waitMs ?? 1000))) {
        const type = this.types.get(resourceId);
        const required = type ? levelOnly(type, input.action) : undefined;
        if (required) {
          const level = this.levels.get(`${userId}|${resourceId}`) ?? 'NONE';
          return { allowed: levelAtLeast(level, required), level, revision: this.revision ?? wanted, answeredBy: 'MIRROR' };
        }
        // A resource the mirror has never seen with a level: the user has none there, whatever its type.
        if (type === undefined && LEVEL_ONLY_EVERYWHERE.has(input.action)) {
          return { allowed: false, level: 'NONE', revision: this.revision ?? wanted, answeredBy: 'MIRROR' };
        }
      }
    }
    const decision = await this.client.check(input, atLeast ? { mode: 'AT_LEAST', atLeast } : undefined);
    return { allowed: decision.allowed, level: decision.level, revision: decision.revision, answeredBy: 'SERVER' };
  }

  /** Stops following the stream. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await this.socket?.dispose();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  /** Whether the mirror reached `token` within `ms`. */
  private until(token: string, ms: number): Promise<boolean> {
    const now = this.revision;
    if (now && isAtLeast(now, token)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        token,
        resolve: () => {
          clearTimeout(timer);
          const reached = this.revision;
          resolve(reached !== null && isAtLeast(reached, token));
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /** Follows the stream from now, then reads every watched user's levels; changes that arrive meanwhile are applied after. */
  private load(): Promise<void> {
    this.starting ??= (async () => {
      this.levels.clear();
      this.readAt.clear();
      this.pending = [];
      const from = await this.client.currentRevision();
      this.position = from;
      this.readyAt = from;
      this.follow(from);
      let reached = from;
      const listed: { userId: string; resourceId: string }[] = [];
      for (const userId of this.users) {
        for (const type of RESOURCE_TYPES) {
          let after: string | null = null;
          do {
            const page = await this.client.accessibleResources(userId, type, 'read', { first: PAGE, after }, { mode: 'AT_LEAST', atLeast: from });
            for (const resource of page.resources) {
              this.types.set(resource.id, resource.type);
              listed.push({ userId, resourceId: resource.id });
            }
            reached = laterOf(reached, page.revision)!;
            after = page.nextCursor;
          } while (after);
        }
      }
      for (let i = 0; i < listed.length; i += BATCH) {
        const decisions = await this.client.checkMany(
          listed.slice(i, i + BATCH).map((pair) => ({ ...pair, action: 'read' })),
          { mode: 'AT_LEAST', atLeast: reached },
        );
        for (const decision of decisions) {
          const key = `${decision.userId}|${decision.resourceId}`;
          // A change the stream brings later, for a revision this read already includes, is skipped.
          this.readAt.set(key, revisionOf(decision.revision)!);
          if (decision.level !== 'NONE') this.levels.set(key, decision.level);
          else this.levels.delete(key);
          reached = laterOf(reached, decision.revision)!;
        }
      }
      this.readyAt = reached;
    })().finally(() => {
      this.starting = null;
      this.wake();
    });
    return this.starting;
  }

  private follow(after: string): void {
    this.unsubscribe?.();
    void this.socket?.dispose();
    const wsUrl = `${this.client.options.url.replace(/\/+$/, '').replace(/^http/, 'ws')}/graphql`;
    const socket = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.client.options.apiKey}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    this.socket = socket;
    let ended = false;
    const again = () => {
      if (ended || this.closed) return;
      ended = true;
      // Changes of a revision cut off come again whole.
      this.pending = [];
      setTimeout(() => {
        if (!this.closed && this.socket === socket) this.follow(this.position ?? after);
      }, this.options.reconnectMs ?? 500);
    };
    this.unsubscribe = socket.subscribe<{ accessChanges: AccessLevelChange }>(
      { query: SUBSCRIBE, variables: { after } },
      {
        next: (message) => {
          const change = message.data?.accessChanges;
          if (change) this.receive(change);
        },
        error: again,
        complete: again,
      },
    );
  }

  private receive(change: AccessLevelChange): void {
    if (change.kind === 'RESYNC_REQUIRED') {
      void this.load();
      return;
    }
    if (change.kind === 'CAUGHT_UP') {
      this.position = laterOf(this.position, change.revision);
      this.wake();
      return;
    }
    this.pending.push(change);
    if (!change.endOfRevision) return;
    const revision = revisionOf(change.revision)!;
    for (const each of this.pending) {
      if (each.resourceId && each.resourceType) this.types.set(each.resourceId, each.resourceType);
      if (each.userId === null || !this.users.has(each.userId)) continue;
      const key = `${each.userId}|${each.resourceId}`;
      const readAt = this.readAt.get(key);
      if (readAt !== undefined && readAt >= revision) continue;
      if (each.after === 'NONE' || each.after === null) this.levels.delete(key);
      else this.levels.set(key, each.after);
    }
    this.pending = [];
    this.position = laterOf(this.position, change.revision);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (this.revision && isAtLeast(this.revision, waiter.token)) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }
}
