import 'reflect-metadata';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { planDefinition } from '@rolegraph/shared';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { openStoredSecrets } from '../secrets/storedSecrets';
import { createLogger } from '../app/logger';
import { runCommand } from '../commands/commandScope';
import { SYSTEM_ACTOR } from '../audit/actor';
import { OrganizationEntity } from '../directory/organization.entity';
import { createEventBus } from '../live/eventBus';
import { BadUserInputError } from '../errors';
import { assertDisplayName } from '../auth/accountInput';
import { validateImport } from './validateImport';
import { importIntoOrganization, type ImportDeps, type ImportSummary } from './importOrganization';
import type { ImportFile } from './importFormat';

const USAGE = `usage: import <file.json> (--organization <id> | --new-organization "<name>") [--json]

Imports members, teams, resources and grants (docs/bulk-import.md) into an
existing organization, or into a new one (ENTERPRISE plan) whose owners are
the file's OWNER members. All or nothing. Uses DATABASE_URL or the embedded
database in ROLEGRAPH_DATA_DIR, like the server.`;

/** A new organization on the ENTERPRISE plan with room for the file's members; its owners come from the file. */
export async function createOrganizationForImport(deps: ImportDeps, rawName: string, file: ImportFile): Promise<string> {
  const name = assertDisplayName(rawName, 'organizationName', 'an organization name');
  if (!file.members.some((m) => m.role === 'OWNER')) {
    throw new BadUserInputError('A new organization needs an owner: give at least one member the role OWNER.', 'members');
  }
  const plan = planDefinition('ENTERPRISE');
  const seats = Math.min(plan.maxSeats, Math.max(plan.defaultSeats, file.seats ?? 0, file.members.length));
  const id = randomUUID();
  await runCommand(deps, { actor: SYSTEM_ACTOR, organizationId: id, requestId: null }, async (scope) => {
    await scope.tx.insert(OrganizationEntity, { id, name, plan: plan.id, seats });
    await scope.audit({
      action: 'organization.created',
      target: { type: 'ORGANIZATION', id, label: name },
      after: { name, plan: plan.id, seats, by: 'bulk import' },
    });
  });
  return id;
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const json = args.includes('--json');
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const path = args.find((a, i) => !a.startsWith('--') && !['--organization', '--new-organization'].includes(args[i - 1] ?? ''));
  const organization = flag('--organization');
  const newOrganization = flag('--new-organization');
  if (!path || Boolean(organization) === Boolean(newOrganization)) {
    console.error(USAGE);
    process.exit(2);
  }
  const file = validateImport(JSON.parse(fs.readFileSync(path, 'utf8')) as unknown);
  const config = loadConfig();
  const logger = createLogger({ logLevel: json ? 'warn' : config.logLevel });
  const database = await openDatabase(config, { migrate: true });
  const secrets = await openStoredSecrets(config, database, logger).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const events = await createEventBus(config.redisUrl, logger);
  const deps: ImportDeps = { dataSource: database.dataSource, events, logger, secrets };
  try {
    const started = Date.now();
    const organizationId = organization ?? (await createOrganizationForImport(deps, newOrganization!, file));
    const summary: ImportSummary = await importIntoOrganization(deps, organizationId, file);
    const ms = Date.now() - started;
    if (json) {
      console.log(JSON.stringify({ ...summary, ms }));
    } else {
      const { ids: _ids, ...counts } = summary;
      console.log(`Imported in ${(ms / 1000).toFixed(1)} s into organization ${organizationId}:`);
      console.log(JSON.stringify(counts, null, 2));
    }
  } finally {
    await events.close();
    await database.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
