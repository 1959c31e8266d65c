import { applyScimFilter, listResponse, parseScimFilter } from '../../../src/scim/scimQuery';
import { ScimError } from '../../../src/scim/scimErrors';
import { parsePatch, scimBoolean } from '../../../src/scim/scimInput';

const users = [
  { userName: 'Ann@Example.com', externalId: 'okta-1', emails: [{ value: 'Ann@Example.com', primary: true }], active: true },
  { userName: 'bob@example.com', externalId: 'okta-2', emails: [{ value: 'bob@example.com', primary: true }], active: false },
];

function scimErrorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('SCIM filters', () => {
  it('userName eq compares without case, as userName is not case-exact', () => {
    expect(applyScimFilter(users, parseScimFilter('userName eq "ann@example.COM"'))).toEqual([users[0]]);
  });

  it('filters on emails, externalId, active, and combinations', () => {
    expect(applyScimFilter(users, parseScimFilter('emails.value eq "bob@example.com"'))).toEqual([users[1]]);
    expect(applyScimFilter(users, parseScimFilter('emails[value eq "bob@example.com"]'))).toEqual([users[1]]);
    expect(applyScimFilter(users, parseScimFilter('externalId eq "okta-1" or active eq false'))).toEqual(users);
    expect(applyScimFilter(users, parseScimFilter('userName sw "ann" and active eq true'))).toEqual([users[0]]);
  });

  it('no filter: everything', () => {
    expect(applyScimFilter(users, parseScimFilter(undefined))).toEqual(users);
    expect(applyScimFilter(users, parseScimFilter(''))).toEqual(users);
  });

  it('refuses malformed, oversized, NUL-bearing and non-string filters as invalidFilter', () => {
    for (const bad of ['userName eq', 'userName zz "x"', '((', 'x'.repeat(1001), 'userName eq "\u0000"', ['a', 'b']]) {
      const error = scimErrorOf(() => parseScimFilter(bad));
      expect([error.status, error.scimType]).toEqual([400, 'invalidFilter']);
    }
  });
});

describe('SCIM pagination', () => {
  const items = Array.from({ length: 5 }, (_, i) => i + 1);

  it('is 1-based and reports the whole count', () => {
    expect(listResponse(items, { startIndex: '2', count: '2' })).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2, Resources: [2, 3] });
  });

  it('treats a startIndex below 1 as 1 and a negative count as 0, per RFC 7644', () => {
    expect(listResponse(items, { startIndex: '0' })).toMatchObject({ startIndex: 1, itemsPerPage: 5 });
    expect(listResponse(items, { count: '-3' })).toMatchObject({ itemsPerPage: 0, Resources: [] });
  });

  it('refuses a startIndex or count that is not an integer', () => {
    expect(scimErrorOf(() => listResponse(items, { startIndex: 'abc' })).scimType).toBe('invalidValue');
    expect(scimErrorOf(() => listResponse(items, { count: ['1', '2'] })).scimType).toBe('invalidValue');
  });
});

describe('SCIM input', () => {
  it('reads booleans as Entra ID sends them', () => {
    expect(scimBoolean('False', 'active')).toBe(false);
    expect(scimBoolean('TRUE', 'active')).toBe(true);
    expect(scimBoolean(false, 'active')).toBe(false);
    expect(scimErrorOf(() => scimBoolean('no', 'active')).scimType).toBe('invalidValue');
  });

  it('checks the shape of a PatchOp request', () => {
    const schemas = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
    expect(parsePatch({ schemas, Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })).toEqual([
      { op: 'replace', path: 'active', value: 'False' },
    ]);
    expect(scimErrorOf(() => parsePatch({ Operations: [{ op: 'replace' }] })).scimType).toBe('invalidSyntax');
    expect(scimErrorOf(() => parsePatch({ schemas, Operations: [] })).scimType).toBe('invalidSyntax');
    expect(scimErrorOf(() => parsePatch({ schemas, Operations: [{ op: 'move', path: 'a' }] })).scimType).toBe('invalidSyntax');
    expect(scimErrorOf(() => parsePatch({ schemas, Operations: [{ op: 'remove' }] })).scimType).toBe('noTarget');
    expect(scimErrorOf(() => parsePatch({ schemas, Operations: Array.from({ length: 101 }, () => ({ op: 'add', value: {} })) })).scimType).toBe('tooMany');
    expect(scimErrorOf(() => parsePatch([])).scimType).toBe('invalidSyntax');
  });
});
