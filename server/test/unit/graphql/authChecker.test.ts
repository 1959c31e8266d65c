import type { GraphQLResolveInfo } from 'graphql';
import { authChecker, stringsAt } from '../../../src/graphql/authChecker';
import { Rule } from '../../../src/graphql/accessRules';
import { RequestAccess, type AccessGraphSource } from '../../../src/access/requestAccess';
import { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';
import type { AccessGraph } from '../../../src/access/accessGraph';
import type { GraphQLContext } from '../../../src/graphql/context';
import type { Principal } from '../../../src/auth/principal';
import { ForbiddenError, NotFoundError } from '../../../src/errors';

const ORG = '00000000-0000-4000-8000-0000000000aa';
const OWNER = '00000000-0000-4000-8000-000000000001';
const MEMBER = '00000000-0000-4000-8000-000000000002';
const CONNECTION = '00000000-0000-4000-8000-000000000010';

function graph(): OrgAccessSnapshot {
  const g = new OrgAccessSnapshot();
  g.upsertMember(OWNER, 'USER');
  g.upsertMember(MEMBER, 'USER');
  g.upsertResource({
    id: CONNECTION,
    type: 'CONNECTION',
    parentId: null,
    ownerId: OWNER,
    status: null,
    visibility: null,
    name: 'Warehouse',
    sortName: 'warehouse',
  });
  g.upsertGrant({
    id: '00000000-0000-4000-8000-000000000020',
    resourceId: CONNECTION,
    subjectType: 'USER',
    subjectId: MEMBER,
    level: 'MEMBER',
    expiresAt: null,
  });
  return g;
}

/** Counts how often the evaluator looks the resource up: once per decision. */
function counting(g: AccessGraph): { graph: AccessGraph; lookups: () => number } {
  let lookups = 0;
  const proxy = new Proxy(g, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'resource' && typeof value === 'function') {
        return (...args: unknown[]) => {
          lookups++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { graph: proxy, lookups: () => lookups };
}

function contextFor(accountId: string, source: AccessGraphSource): GraphQLContext {
  const principal: Principal = {
    kind: 'USER',
    accountId,
    email: 'x@example.test',
    name: 'X',
    sessionId: 's',
    organizationId: ORG,
    role: 'USER',
    accessRevision: '1',
  };
  return { principal, access: new RequestAccess(source, principal) } as unknown as GraphQLContext;
}

/** A source that hands out one graph at revision 1 and holds nothing in memory. */
function sourceOf(read: () => AccessGraph): AccessGraphSource {
  return {
    graphAt: async () => read(),
    graphAtRevision: async () => ({ graph: read(), revision: '1' }),
    graphInMemory: () => null,
    currentRevision: async () => '1',
  };
}

const info = { parentType: { name: 'Connection' }, fieldName: 'credentials' } as unknown as GraphQLResolveInfo;

describe('authChecker', () => {
  it('decides a rule once per target per request, however many times a list asks', async () => {
    const { graph: g, lookups } = counting(graph());
    let graphReads = 0;
    const source = sourceOf(() => {
      graphReads++;
      return g;
    });
    const ctx = contextFor(OWNER, source);
    const rule = Rule.onResource('readCredentials');
    await expect(authChecker({ root: { id: CONNECTION }, args: {}, context: ctx, info }, [rule])).resolves.toBe(true);
    const oneDecision = lookups();
    expect(oneDecision).toBeGreaterThan(0);
    for (let i = 1; i < 100; i++) {
      await expect(authChecker({ root: { id: CONNECTION }, args: {}, context: ctx, info }, [rule])).resolves.toBe(true);
    }
    expect(graphReads).toBe(1);
    expect(lookups()).toBe(oneDecision);
  });

  it('denies with the evaluator’s reason, and hides what the caller cannot see', async () => {
    const source = sourceOf(() => graph());
    const member = contextFor(MEMBER, source);
    const denied = authChecker({ root: { id: CONNECTION }, args: {}, context: member, info }, [Rule.onResource('readCredentials')]);
    await expect(denied).rejects.toThrow(ForbiddenError);
    await expect(denied).rejects.toThrow('needs Admin access; you have Member');
    const stranger = contextFor('00000000-0000-4000-8000-000000000099', source);
    await expect(authChecker({ root: { id: CONNECTION }, args: {}, context: stranger, info }, [Rule.onResource('readCredentials')])).rejects.toThrow(
      NotFoundError,
    );
  });

  it('allows when any one of several rules allows', async () => {
    const source = sourceOf(() => graph());
    const member = contextFor(MEMBER, source);
    await expect(
      authChecker({ root: { id: CONNECTION }, args: {}, context: member, info }, [Rule.onResource('readCredentials'), Rule.onResource('use')]),
    ).resolves.toBe(true);
  });
});

describe('stringsAt', () => {
  it('reads a top-level or nested argument', () => {
    expect(stringsAt({ userId: 'u1' }, 'userId')).toEqual(['u1']);
    expect(stringsAt({ input: { userId: 'u1', action: 'read' } }, 'input.userId')).toEqual(['u1']);
  });

  it('gives each item of a list, in order', () => {
    const args = { inputs: [{ userId: 'u1' }, { userId: 'u2' }, { userId: 'u1' }] };
    expect(stringsAt(args, 'inputs.userId')).toEqual(['u1', 'u2', 'u1']);
    expect(stringsAt({ userIds: ['a', 'b'] }, 'userIds')).toEqual(['a', 'b']);
  });

  it('skips what is missing, null or not a string', () => {
    expect(stringsAt({}, 'input.userId')).toEqual([]);
    expect(stringsAt({ input: null }, 'input.userId')).toEqual([]);
    expect(stringsAt({ inputs: [{ userId: 7 }, {}, null, { userId: 'u3' }] }, 'inputs.userId')).toEqual(['u3']);
    expect(stringsAt(undefined, 'userId')).toEqual([]);
  });

  it('goes one level into a list at each step, not into a list of lists', () => {
    expect(stringsAt({ inputs: [[{ userId: 'deep' }]] }, 'inputs.userId')).toEqual([]);
    expect(stringsAt({ userIds: [['a'], 'b'] }, 'userIds')).toEqual(['b']);
  });
});
