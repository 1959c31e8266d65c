import { randomUUID } from 'node:crypto';
import { bareArray } from '../../../src/changeStream/accessChangeLog';

describe('the change log’s array literals', () => {
  it('holds ids, enum names and nulls as PostgreSQL reads them unquoted', () => {
    const id = randomUUID();
    expect(bareArray([id, null, 'SEMANTIC_MODEL', 'NONE'])).toBe(`{${id},NULL,SEMANTIC_MODEL,NONE}`);
    expect(bareArray([])).toBe('{}');
  });

  it('refuses anything that would need quoting, or that PostgreSQL would read as something else', () => {
    for (const value of ['a,b', 'a b', '"a"', '{a}', 'a\\b', '', 'null', 'NULL', 'a\u0000']) {
      expect(() => bareArray(['ok', value])).toThrow('not a bare array element');
    }
  });
});
