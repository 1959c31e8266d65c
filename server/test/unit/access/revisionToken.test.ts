import { formatRevisionToken, laterRevisionToken, parseRevisionToken } from '../../../src/access/revisionToken';

const ORG = '0b6f7c52-4c1e-4a7e-9a51-3a0a4f1f0d11';

describe('revision tokens', () => {
  it('round-trips an organization and a revision', () => {
    expect(parseRevisionToken(formatRevisionToken(ORG, 42n))).toEqual({ organizationId: ORG, revision: 42n });
    expect(parseRevisionToken(formatRevisionToken(ORG, '0'))).toEqual({ organizationId: ORG, revision: 0n });
  });

  it.each([
    ['empty', ''],
    ['no organization', '42'],
    ['negative', `${ORG}:-1`],
    ['leading zero', `${ORG}:007`],
    ['beyond a bigint column', `${ORG}:9223372036854775808`],
    ['twenty digits', `${ORG}:12345678901234567890`],
    ['upper-case id', `${ORG.toUpperCase()}:1`],
    ['trailing NUL', `${ORG}:1\u0000`],
    ['whitespace', ` ${ORG}:1`],
  ])('refuses %s', (_, token) => {
    expect(parseRevisionToken(token)).toBeNull();
  });

  it('accepts the largest revision PostgreSQL can store', () => {
    expect(parseRevisionToken(`${ORG}:9223372036854775807`)?.revision).toBe(9223372036854775807n);
  });

  it('knows which of two tokens is the later, numerically', () => {
    expect(laterRevisionToken(`${ORG}:9`, `${ORG}:10`)).toBe(`${ORG}:10`);
    expect(laterRevisionToken(`${ORG}:10`, `${ORG}:9`)).toBe(`${ORG}:10`);
    expect(laterRevisionToken(null, `${ORG}:3`)).toBe(`${ORG}:3`);
    expect(laterRevisionToken(`${ORG}:3`, null)).toBe(`${ORG}:3`);
  });
});
