import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isInterfaceType, isUnionType } from 'graphql';
import { POSSIBLE_TYPES } from '../src/app/apolloClient';

describe('the cache’s possible types', () => {
  it('name every interface and union of schema.graphql with all the types that implement it', () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));
    const expected = Object.fromEntries(
      Object.values(schema.getTypeMap())
        .filter((type) => !type.name.startsWith('__') && (isInterfaceType(type) || isUnionType(type)))
        .map((type) => [
          type.name,
          schema
            .getPossibleTypes(type as Parameters<typeof schema.getPossibleTypes>[0])
            .map((t) => t.name)
            .sort(),
        ]),
    );
    const actual = Object.fromEntries(Object.entries(POSSIBLE_TYPES).map(([name, types]) => [name, [...types].sort()]));
    expect(actual).toEqual(expected);
  });
});
