import { ok, type GraphQLEndpoint, type GraphQLResult } from '@rolegraph/test-support';
import { addMember, createApiKey, createTeam, signUpOrg, type TestOrg, type TestUser } from './factories';
import { liveClient, type LiveClient, type LiveSubscription } from './liveClient';

/**
 * A replay of random access changes on several organizations, checked
 * against the `accessChanges` stream: the stream folded over the starting
 * state (every `before` must be what the fold holds, so a lost or repeated
 * change fails at once) must equal the final state the API reports. The
 * stream is followed through disconnects (resumed from the last revision
 * seen) and, with several instances, on another instance than the writes.
 */
export interface ReplayOptions {
  /** Where mutations go (one picked at random for each). */
  readonly writers: readonly GraphQLEndpoint[];
  /** Base URLs the stream is followed on, one per connection in turn (a disconnect moves to the next). */
  readonly streams: readonly string[];
  readonly organizations: number;
  readonly steps: number;
  /** After how many steps the stream is disconnected and resumed. */
  readonly disconnectEvery: number;
  readonly seed: number;
}

export interface ReplayReport {
  readonly changesSeen: number;
  readonly reconnects: number;
}

interface LevelChange {
  kind: 'LEVEL_CHANGED' | 'CAUGHT_UP' | 'RESYNC_REQUIRED';
  userId: string | null;
  resourceId: string | null;
  before: string | null;
  after: string | null;
  revision: string;
  endOfRevision: boolean;
}

interface OrgUnderTest {
  readonly org: TestOrg;
  readonly key: string;
  readonly members: TestUser[];
  readonly teams: string[];
  /** Every resource ever created, with its type; deleted ones leave `live`. */
  readonly resources: Map<string, string>;
  readonly live: Set<string>;
  /** The fold: user|resource → level. */
  readonly state: Map<string, string>;
  lastRevision: string;
  client: LiveClient | null;
  subscription: LiveSubscription<LevelChange> | null;
  consumed: number;
  /** Changes of a revision that has not ended yet. */
  pending: LevelChange[];
  streamIndex: number;
  reconnects: number;
  seen: number;
}

const SUBSCRIBE = `subscription($after: String) { accessChanges(after: $after) { kind userId resourceId before after revision endOfRevision } }`;
const LEVELS: Record<string, string[]> = { PROJECT: ['MEMBER', 'ADMIN'], ASSISTANT: ['MEMBER', 'ADMIN'], CORPUS: ['VIEWER', 'EDITOR', 'ADMIN'] };

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every member's level on every live resource, at one revision (and that revision's token). */
async function levels(t: GraphQLEndpoint, o: OrgUnderTest): Promise<{ levels: Map<string, string>; revision: string }> {
  const inputs = o.members.flatMap((m) => [...o.live].map((resourceId) => ({ userId: m.id, action: 'read', resourceId })));
  const result = await t.gql(`query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { userId resourceId level } }`, { inputs }, o.key);
  const answer = new Map<string, string>();
  for (const d of ok(result).checkPermissions as { userId: string; resourceId: string; level: string }[]) {
    if (d.level !== 'NONE') answer.set(`${d.userId}|${d.resourceId}`, d.level);
  }
  return { levels: answer, revision: result.extensions!.accessRevision! };
}

function fold(o: OrgUnderTest): void {
  const received = o.subscription!.received;
  for (; o.consumed < received.length; o.consumed++) {
    const change = received[o.consumed]!;
    if (change.kind === 'CAUGHT_UP') {
      if (o.pending.length) throw new Error(`CAUGHT_UP at ${change.revision} inside revision ${o.pending[0]!.revision}`);
      o.lastRevision = change.revision;
      continue;
    }
    if (change.kind !== 'LEVEL_CHANGED') throw new Error(`unexpected ${change.kind} at ${change.revision}`);
    if (o.pending.length && o.pending[0]!.revision !== change.revision)
      throw new Error(`revision ${o.pending[0]!.revision} did not end before ${change.revision}`);
    o.pending.push(change);
    if (!change.endOfRevision) continue;
    // A revision is applied whole, once it ended.
    for (const each of o.pending) {
      o.seen++;
      if (each.userId === null) continue; // everyone's level on a public assistant: not a member's own
      const key = `${each.userId}|${each.resourceId}`;
      const held = o.state.get(key) ?? 'NONE';
      if (held !== each.before) throw new Error(`change ${JSON.stringify(each)} does not follow the fold, which holds ${held}`);
      if (each.after === 'NONE') o.state.delete(key);
      else o.state.set(key, each.after!);
    }
    o.lastRevision = change.revision;
    o.pending = [];
  }
  if (o.subscription!.errors.length) throw new Error(`stream errors: ${JSON.stringify(o.subscription!.errors)}`);
}

async function connect(o: OrgUnderTest, streams: readonly string[]): Promise<void> {
  const url = streams[o.streamIndex % streams.length]!;
  o.client = liveClient(url, o.key);
  await o.client.connected();
  o.subscription = o.client.subscribe<LevelChange>(SUBSCRIBE, { after: o.lastRevision });
  o.consumed = 0;
}

async function disconnect(o: OrgUnderTest): Promise<void> {
  fold(o);
  o.subscription?.dispose();
  await o.client?.dispose();
  o.client = null;
  o.subscription = null;
  // A revision cut off by the disconnect comes again whole.
  o.pending = [];
  o.streamIndex++;
  o.reconnects++;
}

async function step(t: GraphQLEndpoint, o: OrgUnderTest, rand: () => number): Promise<GraphQLResult> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const token = o.org.owner.token;
  const live = [...o.live];
  const others = o.members.filter((m) => m.id !== o.org.owner.id);
  const r = rand();
  if (r < 0.25 && live.length) {
    const resourceId = pick(live);
    const subject = rand() < 0.6 ? { userId: pick(others).id } : { teamId: pick(o.teams) };
    return t.gql(
      `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
      { input: { resourceId, subject, level: pick(LEVELS[o.resources.get(resourceId)!]!) } },
      token,
    );
  }
  if (r < 0.4 && live.length) {
    const subject = rand() < 0.6 ? { userId: pick(others).id } : { teamId: pick(o.teams) };
    return t.gql(`mutation($input: RevokeAccessInput!) { revokeAccess(input: $input) }`, { input: { resourceId: pick(live), subject } }, token);
  }
  if (r < 0.5) {
    return t.gql(
      `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
      { input: { userId: pick(others).id, role: pick(['USER', 'ADMIN']) } },
      token,
    );
  }
  if (r < 0.6) {
    return t.gql(
      `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`,
      { input: { teamId: pick(o.teams), userId: pick(others).id, role: 'MEMBER' } },
      token,
    );
  }
  if (r < 0.68) {
    return t.gql(
      `mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id } }`,
      { input: { teamId: pick(o.teams), userId: pick(others).id } },
      token,
    );
  }
  if (r < 0.8 || live.length === 0) {
    const projects = live.filter((id) => o.resources.get(id) === 'PROJECT');
    const type = projects.length && rand() < 0.4 ? 'ASSISTANT' : pick(['PROJECT', 'CORPUS']);
    const input =
      type === 'ASSISTANT'
        ? { type, name: `a${o.resources.size}`, parentId: pick(projects), status: 'LIVE', visibility: pick(['PRIVATE', 'PUBLIC']) }
        : { type, name: `r${o.resources.size}` };
    const result = await t.gql(`mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`, { input }, token);
    const id = (result.data as { createResource?: { id: string } } | null)?.createResource?.id;
    if (id) {
      o.resources.set(id, type);
      o.live.add(id);
    }
    return result;
  }
  if (r < 0.9) {
    const assistants = live.filter((id) => o.resources.get(id) === 'ASSISTANT');
    if (assistants.length) {
      return t.gql(
        `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`,
        { input: { id: pick(assistants), status: pick(['DRAFT', 'LIVE']), visibility: pick(['PRIVATE', 'PUBLIC']) } },
        token,
      );
    }
  }
  const id = pick(live);
  const result = await t.gql(`mutation($id: ID!) { deleteResource(id: $id) }`, { id }, token);
  if (!result.errors?.length) {
    o.live.delete(id);
    // A project's assistants go with it.
    const children = await Promise.all(
      [...o.live].map(async (c) => ({ c, exists: !(await t.gql(`query($id: ID!) { resource(id: $id) { id } }`, { id: c }, token)).errors?.length })),
    );
    for (const { c, exists } of children) if (!exists) o.live.delete(c);
  }
  return result;
}

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sameLevels(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

export async function replayAccessChanges(options: ReplayOptions): Promise<ReplayReport> {
  const rand = random(options.seed);
  const first = options.writers[0]!;
  const orgs: OrgUnderTest[] = [];
  for (let i = 0; i < options.organizations; i++) {
    const org = await signUpOrg(first, `replay${i}`, `Replay ${i}`);
    const members = [org.owner];
    for (let m = 0; m < 4; m++) members.push(await addMember(first, org, m === 0 ? 'ADMIN' : 'USER', `m${m}`));
    const teams = [await createTeam(first, org.owner.token, 'Red', [{ id: members[1]!.id }]), await createTeam(first, org.owner.token, 'Blue')];
    const key = await createApiKey(first, org.owner.token, 'stream', { permissions: 'READ' });
    const o: OrgUnderTest = {
      org,
      key,
      members,
      teams,
      resources: new Map(),
      live: new Set(),
      state: new Map(),
      lastRevision: '',
      client: null,
      subscription: null,
      consumed: 0,
      pending: [],
      streamIndex: i,
      reconnects: 0,
      seen: 0,
    };
    const project = ok(
      await first.gql(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        { input: { type: 'PROJECT', name: 'p' } },
        org.owner.token,
      ),
    ).createResource.id;
    o.resources.set(project, 'PROJECT');
    o.live.add(project);
    const start = await levels(first, o);
    for (const [k, v] of start.levels) o.state.set(k, v);
    o.lastRevision = start.revision;
    await connect(o, options.streams);
    orgs.push(o);
  }
  // The subscriptions are registered before the first change.
  await new Promise((resolve) => setTimeout(resolve, 300));

  for (let s = 1; s <= options.steps; s++) {
    const o = orgs[Math.floor(rand() * orgs.length)]!;
    const writer = options.writers[Math.floor(rand() * options.writers.length)]!;
    await step(writer, o, rand);
    fold(o);
    if (s % options.disconnectEvery === 0) {
      for (const each of orgs) await disconnect(each);
      // Changes go on while nobody listens.
      for (let k = 0; k < 3; k++) {
        const any = orgs[Math.floor(rand() * orgs.length)]!;
        await step(options.writers[0]!, any, rand);
      }
      for (const each of orgs) await connect(each, options.streams);
    }
  }

  for (const o of orgs) {
    const expected = (await levels(first, o)).levels;
    await until(`the stream of ${o.org.id} to reach the final state`, () => {
      fold(o);
      return sameLevels(o.state, expected);
    });
  }
  // Nothing more arrives: no change was sent twice.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const o of orgs) {
    fold(o);
    expect(sameLevels(o.state, (await levels(first, o)).levels)).toBe(true);
    await disconnect(o);
  }
  return { changesSeen: orgs.reduce((n, o) => n + o.seen, 0), reconnects: orgs.reduce((n, o) => n + o.reconnects, 0) };
}
