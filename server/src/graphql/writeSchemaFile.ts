import 'reflect-metadata';
import fs from 'node:fs';
import { buildRolegraphSchema } from './schema';
import { SCHEMA_FILE, printRolegraphSchema } from './schemaFile';

/** `pnpm schema`: regenerates schema.graphql. */
buildRolegraphSchema()
  .then((schema) => {
    fs.writeFileSync(SCHEMA_FILE, printRolegraphSchema(schema));
    console.log(`Wrote ${SCHEMA_FILE}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
