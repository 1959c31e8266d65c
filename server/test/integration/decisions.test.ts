import { startTestServer, ok, errorCode, type TestServer } from '../support/testServer';
import { addMember, check, createResource, createTeam, grant, signUpOrg, signUpSpecCast, type TestOrg, type TestUser } from '../support/factories';

/**
 * The access model's worked example, through the API: org owner Hana, admin Ravi, users Jo
 * and Kim; team Data = {Jo, Kim}; project P owned by Ravi with assistant A
 * (LIVE, PRIVATE) owned by Kim.
 */
let t: TestServer;
let org: TestOrg;
let ravi: TestUser;
let jo: TestUser;
let kim: TestUser;
let data: string;
let p: string;
let a: string;

const EXPLAIN = `query($userId: ID!, $resourceId: ID!) {
  explainAccess(userId: $userId, resourceId: $resourceId) {
    level allowedActions
    reasons { source kinds level winning inherited summary team { name } anchorResource { id name } }
  }
}`;

beforeAll(async () => {
  // No sweeper: an ended grant stays in the graph, so a check after its end meets it.
  t = await startTestServer({ ACCESS_SWEEP_SECONDS: '0' });
  ({ org, ravi, jo, kim } = await signUpSpecCast(t));
  data = await createTeam(t, ravi.token, 'Data', [{ id: jo.id }, { id: kim.id }]);
  p = await createResource(t, ravi.token, { type: 'PROJECT', name: 'P' });
  a = await createResource(t, ravi.token, { type: 'ASSISTANT', name: 'A', parentId: p, status: 'LIVE', visibility: 'PRIVATE' });
  ok(
    await t.gql(
      `mutation($input: TransferOwnershipInput!) { transferOwnership(input: $input) { id } }`,
      { input: { resourceId: a, toUserId: kim.id, keepAccess: false } },
      ravi.token,
    ),
  );
});
afterAll(() => t.close());

async function levelsOnA(): Promise<Record<string, string>> {
  const users = { Jo: jo.id, Kim: kim.id, Ravi: ravi.id, Hana: org.owner.id };
  const decisions = ok(
    await t.gql(
      `query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { userId level } }`,
      {
        inputs: Object.values(users).map((userId) => ({ userId, action: 'read', resourceId: a })),
      },
      org.owner.token,
    ),
  ).checkPermissions;
  return Object.fromEntries(Object.keys(users).map((name, i) => [name, decisions[i].level]));
}

describe('the worked example of docs/access-model.md', () => {
  it('no grants', async () => {
    expect(await levelsOnA()).toEqual({ Jo: 'NONE', Kim: 'OWNER', Ravi: 'ADMIN', Hana: 'ADMIN' });
  });

  it('Data → P: MEMBER', async () => {
    await grant(t, ravi.token, p, { teamId: data }, 'MEMBER');
    expect(await levelsOnA()).toEqual({ Jo: 'MEMBER', Kim: 'OWNER', Ravi: 'ADMIN', Hana: 'ADMIN' });
    const why = ok(await t.gql(EXPLAIN, { userId: jo.id, resourceId: a }, org.owner.token)).explainAccess;
    expect(why.level).toBe('MEMBER');
    expect(why.allowedActions).toEqual(['read', 'chat']);
    expect(why.reasons).toEqual([
      {
        source: 'TEAM_GRANT',
        kinds: ['TEAM_GRANT', 'INHERITED'],
        level: 'MEMBER',
        winning: true,
        inherited: true,
        summary: "Member through team Data's grant on Project 'P' (inherited)",
        team: { name: 'Data' },
        anchorResource: { id: p, name: 'P' },
      },
    ]);
  });

  it('+ Jo → P: ADMIN (highest wins)', async () => {
    await grant(t, ravi.token, p, { userId: jo.id }, 'ADMIN');
    expect(await levelsOnA()).toEqual({ Jo: 'ADMIN', Kim: 'OWNER', Ravi: 'ADMIN', Hana: 'ADMIN' });
    const why = ok(await t.gql(EXPLAIN, { userId: jo.id, resourceId: a }, org.owner.token)).explainAccess;
    expect(why.reasons.map((r: { source: string; level: string; winning: boolean }) => [r.source, r.level, r.winning])).toEqual([
      ['DIRECT_GRANT', 'ADMIN', true],
      ['TEAM_GRANT', 'MEMBER', false],
    ]);
  });

  it('A set to DRAFT', async () => {
    ok(await t.gql(`mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`, { input: { id: a, status: 'DRAFT' } }, kim.token));
    expect(await levelsOnA()).toEqual({ Jo: 'NONE', Kim: 'OWNER', Ravi: 'NONE', Hana: 'ADMIN' });
    ok(await t.gql(`mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`, { input: { id: a, status: 'LIVE' } }, kim.token));
  });
});

describe('who may ask', () => {
  it('a member checks their own access; someone else’s needs users.manage', async () => {
    expect((await check(t, jo.token, jo.id, 'read', p)).allowed).toBe(true);
    expect(
      errorCode(
        await t.gql(
          `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`,
          { input: { userId: kim.id, action: 'read', resourceId: p } },
          jo.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await t.gql(
          `query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { allowed } }`,
          {
            inputs: [
              { userId: jo.id, action: 'read', resourceId: p },
              { userId: kim.id, action: 'read', resourceId: p },
            ],
          },
          jo.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect((await check(t, ravi.token, kim.id, 'read', p)).allowed).toBe(true);
  });

  it('an API key with permissions: READ checks anyone; without it, nothing', async () => {
    const keys = ok(
      await t.gql(
        `mutation { a: createApiKey(input: { name: "checks", scopes: { permissions: READ } }) { secret } b: createApiKey(input: { name: "dir", scopes: { directory: READ } }) { secret } }`,
        {},
        org.owner.token,
      ),
    );
    expect((await check(t, keys.a.secret, jo.id, 'chat', a)).allowed).toBe(true);
    expect(
      errorCode(
        await t.gql(
          `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`,
          { input: { userId: jo.id, action: 'chat', resourceId: a } },
          keys.b.secret,
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('checks', () => {
  it('capabilities without a resource follow the matrix', async () => {
    expect(await check(t, org.owner.token, ravi.id, 'users.manage')).toEqual({ allowed: true, level: 'NONE' });
    expect(await check(t, org.owner.token, ravi.id, 'billing.manage')).toEqual({ allowed: false, level: 'NONE' });
    expect(await check(t, org.owner.token, jo.id, 'publish')).toEqual({ allowed: true, level: 'NONE' });
  });

  it('actions that need a capability check both (manageAccess needs assets.share, use needs connections.use)', async () => {
    const connection = await createResource(t, ravi.token, { type: 'CONNECTION', name: 'Warehouse' });
    await grant(t, ravi.token, connection, { userId: jo.id }, 'MEMBER');
    const use = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level denial { kind } } }`,
        { input: { userId: jo.id, action: 'use', resourceId: connection } },
        org.owner.token,
      ),
    ).checkPermission;
    expect(use).toEqual({ allowed: true, level: 'MEMBER', denial: null });
    const credentials = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed denial { kind requiredLevel message } } }`,
        { input: { userId: jo.id, action: 'readCredentials', resourceId: connection } },
        org.owner.token,
      ),
    ).checkPermission;
    expect(credentials).toEqual({
      allowed: false,
      denial: { kind: 'INSUFFICIENT_LEVEL', requiredLevel: 'ADMIN', message: '"readCredentials" needs Admin; the level is Member.' },
    });
  });

  it('unknown actions and capabilities are bad input; unknown resources are NOT_FOUND; unknown users are NONE', async () => {
    const unknownAction = await t.gql(
      `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`,
      { input: { userId: jo.id, action: 'fly', resourceId: p } },
      org.owner.token,
    );
    expect(errorCode(unknownAction)).toBe('BAD_USER_INPUT');
    expect(unknownAction.errors?.[0]?.message).toMatch(/its actions are read, createAssistant/);
    expect(
      errorCode(
        await t.gql(
          `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`,
          { input: { userId: jo.id, action: 'fly' } },
          org.owner.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql(
          `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed } }`,
          { input: { userId: jo.id, action: 'read', resourceId: '00000000-0000-4000-8000-000000000000' } },
          org.owner.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    const stranger = await signUpOrg(t, 'Stranger');
    expect(await check(t, org.owner.token, stranger.owner.id, 'read', p)).toEqual({ allowed: false, level: 'NONE' });
  });

  it('batches keep their order and are limited to 1000', async () => {
    const inputs = [jo, kim, ravi, jo].map((u, i) => ({ userId: u.id, action: i % 2 ? 'update' : 'read', resourceId: p }));
    const decisions = ok(
      await t.gql(`query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { userId action allowed } }`, { inputs }, org.owner.token),
    ).checkPermissions;
    expect(decisions.map((d: { userId: string; action: string }) => [d.userId, d.action])).toEqual(inputs.map((i) => [i.userId, i.action]));
    const tooMany = Array.from({ length: 1001 }, () => ({ userId: jo.id, action: 'read', resourceId: p }));
    expect(
      errorCode(
        await t.gql(`query($inputs: [CheckPermissionInput!]!) { checkPermissions(inputs: $inputs) { allowed } }`, { inputs: tooMany }, org.owner.token),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('a live public assistant is open to everyone, members or not', async () => {
    const pub = await createResource(t, ravi.token, { type: 'ASSISTANT', name: 'Public bot', parentId: p, status: 'LIVE', visibility: 'PUBLIC' });
    const stranger = await signUpOrg(t, 'Visitor');
    const decision = ok(
      await t.gql(
        `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level reasons { source } } }`,
        { input: { userId: stranger.owner.id, action: 'chat', resourceId: pub } },
        org.owner.token,
      ),
    ).checkPermission;
    expect(decision).toEqual({ allowed: true, level: 'MEMBER', reasons: [{ source: 'PUBLIC' }] });
    expect((await check(t, org.owner.token, stranger.owner.id, 'update', pub)).allowed).toBe(false);
  });
});

describe('what can U see, who has access to R', () => {
  it('accessibleResources is complete and paged', async () => {
    const fresh = await signUpOrg(t, 'Catalog');
    const reader = await addMember(t, fresh, 'USER', 'Reader');
    const project = await createResource(t, fresh.owner.token, { type: 'PROJECT', name: 'Bots' });
    const live: string[] = [];
    for (let i = 0; i < 5; i++)
      live.push(await createResource(t, fresh.owner.token, { type: 'ASSISTANT', name: `Bot ${i}`, parentId: project, status: 'LIVE' }));
    await createResource(t, fresh.owner.token, { type: 'ASSISTANT', name: 'Bot draft', parentId: project, status: 'DRAFT' });
    await grant(t, fresh.owner.token, project, { userId: reader.id }, 'MEMBER');
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(
        await t.gql(
          `query($u: ID!, $after: String) { accessibleResources(userId: $u, type: ASSISTANT, action: "chat", first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { u: reader.id, after },
          reader.token,
        ),
      ).accessibleResources;
      expect(page.totalCount).toBe(5);
      ids.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(live);
    expect(
      errorCode(
        await t.gql(`query($u: ID!) { accessibleResources(userId: $u, type: ASSISTANT, action: "fly") { totalCount } }`, { u: reader.id }, reader.token),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('an API key with permissions: READ pages accessibleResources by ids: its cursors say nothing of the names, and still page', async () => {
    const fresh = await signUpOrg(t, 'Cursors');
    const reader = await addMember(t, fresh, 'USER', 'Reader');
    const names = ['Payroll warehouse', 'Quarterly board pack', 'Secret merger data'];
    for (const name of names)
      await grant(t, fresh.owner.token, await createResource(t, fresh.owner.token, { type: 'CONNECTION', name }), { userId: reader.id }, 'MEMBER');
    const key = ok(await t.gql(`mutation { createApiKey(input: { name: "checks", scopes: { permissions: READ } }) { secret } }`, {}, fresh.owner.token))
      .createApiKey.secret as string;
    const seen: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    do {
      const page: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = ok(
        await t.gql(
          `query($u: ID!, $after: String) { accessibleResources(userId: $u, type: CONNECTION, action: "read", first: 1, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { u: reader.id, after },
          key,
        ),
      ).accessibleResources;
      seen.push(...page.edges.map((e) => e.node.id));
      cursors.push(...page.edges.map((e) => e.cursor), page.pageInfo.endCursor);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(names.length);
    for (const cursor of cursors) {
      for (const text of [cursor, Buffer.from(cursor, 'base64url').toString('latin1')]) {
        for (const word of ['payroll', 'quarterly', 'secret', 'merger']) expect(text.toLowerCase()).not.toContain(word);
      }
    }
    // The names stay behind resources: READ.
    expect(
      errorCode(
        await t.gql(`query($u: ID!) { accessibleResources(userId: $u, type: CONNECTION, action: "read") { edges { node { name } } } }`, { u: reader.id }, key),
      ),
    ).toBe('FORBIDDEN');
  });

  it('an admin sees what a member can use, but not who else has a resource the admin cannot read (sharedWith is null, as resourceAccess refuses)', async () => {
    const secret = await createResource(t, org.owner.token, { type: 'CONNECTION', name: 'Board pack' });
    await grant(t, org.owner.token, secret, { userId: jo.id }, 'MEMBER');
    const SEEN = `query($u: ID!) { accessibleResources(userId: $u, type: CONNECTION, action: "read") { edges { node { id name sharedWith { user { id } } } } } }`;
    const sharedWithAs = async (token: string) => {
      const edges: { node: { id: string; name: string; sharedWith: { user: { id: string } | null }[] | null } }[] = ok(await t.gql(SEEN, { u: jo.id }, token))
        .accessibleResources.edges;
      return edges.find((e) => e.node.id === secret)?.node;
    };
    // Ravi (ADMIN, users.manage) may ask what Jo can use and learns its name, not who it is shared with.
    expect(await sharedWithAs(ravi.token)).toEqual({ id: secret, name: 'Board pack', sharedWith: null });
    expect(errorCode(await t.gql(`query($r: ID!) { resourceAccess(resourceId: $r) { level } }`, { r: secret }, ravi.token))).toBe('NOT_FOUND');
    // Those who may read it see the grants.
    expect((await sharedWithAs(jo.token))?.sharedWith).toEqual([{ user: { id: jo.id } }]);
    expect((await sharedWithAs(org.owner.token))?.sharedWith).toEqual([{ user: { id: jo.id } }]);
  });

  it('resourceAccess lists everyone with access and why, highest first', async () => {
    const entries = ok(
      await t.gql(`query($id: ID!) { resourceAccess(resourceId: $id) { isPublic level user { name } reasons { source winning } } }`, { id: a }, jo.token),
    ).resourceAccess;
    const byName = Object.fromEntries(entries.map((e: { user: { name: string }; level: string }) => [e.user.name, e.level]));
    expect(byName).toEqual({ Kim: 'OWNER', Hana: 'ADMIN', Ravi: 'ADMIN', Jo: 'ADMIN' });
    expect(entries[0].user.name).toBe('Kim');
    for (const entry of entries) expect(entry.reasons.filter((r: { winning: boolean }) => r.winning)).toHaveLength(1);
  });
});

describe('explainAccess names the real reason when the user cannot open the resource', () => {
  const WHY_NOT = `query($userId: ID!, $resourceId: ID!) {
    explainAccess(userId: $userId, resourceId: $resourceId) { level reasons { source } denial { kind requiredLevel expiredAt message } }
    checkPermission(input: { userId: $userId, action: "read", resourceId: $resourceId }) { denial { kind requiredLevel expiredAt message } }
  }`;
  async function whyNot(userId: string, resourceId: string) {
    const answer = ok(await t.gql(WHY_NOT, { userId, resourceId }, org.owner.token));
    // One evaluator, one presenter: the explanation's denial is checkPermission's for "read".
    expect(answer.explainAccess.denial).toEqual(answer.checkPermission.denial);
    return answer.explainAccess;
  }

  it('a draft assistant: only its owner and the org owners, whatever grants reach its project', async () => {
    const draft = await createResource(t, ravi.token, { type: 'ASSISTANT', name: 'Draft bot', parentId: p, status: 'DRAFT' });
    // Jo has Admin on P (direct) and Member through Data: neither reaches a draft.
    expect(await whyNot(jo.id, draft)).toEqual({
      level: 'NONE',
      reasons: [],
      denial: { kind: 'DRAFT', requiredLevel: null, expiredAt: null, message: 'Draft: only its owner and the organization’s owners can open it.' },
    });
    expect(ok(await t.gql(EXPLAIN_DENIAL, { userId: ravi.id, resourceId: draft }, org.owner.token)).explainAccess).toEqual({ level: 'OWNER', denial: null });
  });

  it('an ended grant: EXPIRED, with the instant it ended', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Short lived' });
    const end = new Date(Date.now() + 1500);
    ok(
      await t.gql(
        `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`,
        { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'EDITOR', expiresAt: end.toISOString() } },
        ravi.token,
      ),
    );
    expect(ok(await t.gql(EXPLAIN_DENIAL, { userId: jo.id, resourceId: corpus }, org.owner.token)).explainAccess).toEqual({ level: 'EDITOR', denial: null });
    await new Promise((resolve) => setTimeout(resolve, end.getTime() - Date.now() + 100));
    expect(await whyNot(jo.id, corpus)).toEqual({
      level: 'NONE',
      reasons: [],
      denial: { kind: 'EXPIRED', requiredLevel: 'VIEWER', expiredAt: end.toISOString(), message: `The grant that gave Editor ended on ${end.toISOString()}.` },
    });
  });

  it('not a member of the organization: NOT_A_MEMBER', async () => {
    const stranger = await signUpOrg(t, 'Elsewhere');
    expect(await whyNot(stranger.owner.id, p)).toEqual({
      level: 'NONE',
      reasons: [],
      denial: { kind: 'NOT_A_MEMBER', requiredLevel: null, expiredAt: null, message: 'Not a member of this organization.' },
    });
  });

  it('no path: NO_ACCESS, not an unexplained NONE', async () => {
    const corpus = await createResource(t, ravi.token, { type: 'CORPUS', name: 'Not shared' });
    expect(await whyNot(jo.id, corpus)).toEqual({
      level: 'NONE',
      reasons: [],
      denial: {
        kind: 'NO_ACCESS',
        requiredLevel: 'VIEWER',
        expiredAt: null,
        message: 'No path gives access: no ownership, and no grant to the user or one of their teams on it or on a resource above it.',
      },
    });
  });
});

const EXPLAIN_DENIAL = `query($userId: ID!, $resourceId: ID!) { explainAccess(userId: $userId, resourceId: $resourceId) { level denial { kind } } }`;
