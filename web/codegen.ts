import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations from the committed schema: `npm run schema` (root) regenerates them after an API change. */
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/graphql/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
        enumsAsTypes: true,
        // Apollo Client adds __typename to every selection; typing it lets code narrow on it.
        nonOptionalTypename: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
