import { ACCESS_LEVEL_LABELS, PASSWORD_LENGTH, RESOURCE_TYPE_REGISTRY, TEXT_LIMITS, type ResourceType } from '@rolegraph/shared';
import { BadUserInputError } from '../errors';
import { normalizeEmail } from '../auth/account.entity';
import { unreadableCharacter, type TextShape } from '../commands/textInput';
import { ImportFileSchema, type ImportFile } from './importFormat';

/** Most problems listed in one error; the file may have more. */
export const MAX_REPORTED_PROBLEMS = 100;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A file that cannot be imported; `problems` name each bad record. Nothing was written. */
export class ImportValidationError extends BadUserInputError {
  constructor(readonly problems: readonly string[]) {
    super(
      `The import file has ${problems.length >= MAX_REPORTED_PROBLEMS ? `at least ${problems.length}` : problems.length} problem(s); nothing was imported:\n- ${problems.join('\n- ')}`,
    );
  }
}

/** A resource type in a problem's words, with the identifier the file uses: "an assistant (ASSISTANT)". */
function aType(type: ResourceType): string {
  const label = RESOURCE_TYPE_REGISTRY[type].label.toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label} (${type})`;
}

/** "resources[12] (key "a-44")" — how a problem names its record. */
function where(section: string, index: number, recordKey?: string): string {
  return recordKey === undefined ? `${section}[${index}]` : `${section}[${index}] (key "${recordKey}")`;
}

/**
 * Checks a parsed JSON document before anything is written: the shape (zod),
 * then every cross-reference and rule of the domain. Returns the typed file,
 * or throws ImportValidationError listing every problem found.
 */
export function validateImport(document: unknown): ImportFile {
  const parsed = ImportFileSchema.safeParse(document);
  if (!parsed.success) {
    const records = (document && typeof document === 'object' ? document : {}) as Record<string, unknown>;
    const problems = parsed.error.issues.slice(0, MAX_REPORTED_PROBLEMS).map((issue) => {
      const [section, index, ...rest] = issue.path;
      if (typeof section === 'string' && typeof index === 'number') {
        const record = (records[section] as Record<string, unknown>[] | undefined)?.[index];
        const recordKey = typeof record?.key === 'string' ? record.key : undefined;
        return `${where(section, index, recordKey)}${rest.length ? `.${rest.join('.')}` : ''}: ${issue.message}`;
      }
      return `${issue.path.join('.') || 'file'}: ${issue.message}`;
    });
    throw new ImportValidationError(problems);
  }
  const file = parsed.data;
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };

  // What the API refuses in names and descriptions (commands/textInput.ts: length, characters) is refused here too.
  const readable = (at: string, what: string, text: string | undefined, shape: TextShape, max: number) => {
    if (text === undefined) return;
    if (text.length > max) report(`${at}: the ${what} is longer than ${max} characters`);
    const found = unreadableCharacter(text, shape);
    if (found) report(`${at}: the ${what} contains ${found}`);
  };

  const memberKeys = new Set<string>();
  const emails = new Set<string>();
  file.members.forEach((m, i) => {
    const at = where('members', i, m.key);
    if (memberKeys.has(m.key)) report(`${at}: the key is used by another member`);
    memberKeys.add(m.key);
    if (!EMAIL.test(m.email.trim())) report(`${at}: "${m.email}" is not a valid email address`);
    const email = normalizeEmail(m.email);
    if (emails.has(email)) report(`${at}: ${m.email} appears twice`);
    emails.add(email);
    if (!m.name.trim()) report(`${at}: the name is empty`);
    readable(at, 'name', m.name.trim(), 'line', TEXT_LIMITS.displayName);
    readable(at, 'email', m.email.trim(), 'line', TEXT_LIMITS.email);
    if (m.password !== undefined && (m.password.length < PASSWORD_LENGTH.min || m.password.length > PASSWORD_LENGTH.max)) {
      report(`${at}: passwords need ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`);
    }
  });

  const teamKeys = new Set<string>();
  const teamNames = new Set<string>();
  file.teams.forEach((t, i) => {
    const at = where('teams', i, t.key);
    if (teamKeys.has(t.key)) report(`${at}: the key is used by another team`);
    teamKeys.add(t.key);
    if (!t.name.trim()) report(`${at}: the name is empty`);
    readable(at, 'name', t.name.trim(), 'line', TEXT_LIMITS.teamName);
    readable(at, 'description', t.description?.trim(), 'lines', TEXT_LIMITS.teamDescription);
    if (teamNames.has(t.name.trim().toLowerCase())) report(`${at}: another team is named "${t.name}"`);
    teamNames.add(t.name.trim().toLowerCase());
    const inTeam = new Set<string>();
    t.members.forEach((m, j) => {
      if (!memberKeys.has(m.member)) report(`${at}.members[${j}]: "${m.member}" is not a member in this file`);
      if (inTeam.has(m.member)) report(`${at}.members[${j}]: "${m.member}" is listed twice`);
      inTeam.add(m.member);
    });
  });

  const resourceTypes = new Map<string, (typeof file.resources)[number]['type']>();
  file.resources.forEach((r, i) => {
    if (resourceTypes.has(r.key)) report(`${where('resources', i, r.key)}: the key is used by another resource`);
    resourceTypes.set(r.key, r.type);
  });
  file.resources.forEach((r, i) => {
    const at = where('resources', i, r.key);
    const definition = RESOURCE_TYPE_REGISTRY[r.type];
    if (!r.name.trim()) report(`${at}: the name is empty`);
    readable(at, 'name', r.name.trim(), 'line', TEXT_LIMITS.resourceName);
    readable(at, 'description', r.description?.trim(), 'lines', TEXT_LIMITS.resourceDescription);
    if (!memberKeys.has(r.owner)) report(`${at}: owner "${r.owner}" is not a member in this file`);
    if (r.parent !== undefined) {
      const parentType = resourceTypes.get(r.parent);
      if (!definition.parentType) report(`${at}: ${definition.pluralLabel.toLowerCase()} have no parent`);
      else if (!parentType) report(`${at}: parent "${r.parent}" is not a resource in this file`);
      else if (parentType !== definition.parentType) report(`${at}: its parent must be ${aType(definition.parentType)}; "${r.parent}" is ${aType(parentType)}`);
      if (r.parent === r.key) report(`${at}: a resource cannot be its own parent`);
    } else if (definition.parentRequired && definition.parentType) {
      report(`${at}: ${definition.pluralLabel.toLowerCase()} need a parent, ${aType(definition.parentType)}`);
    }
    if (r.type !== 'ASSISTANT' && (r.status !== undefined || r.visibility !== undefined)) report(`${at}: only assistants have a status and a visibility`);
    if (r.type !== 'CONNECTION' && r.credentials !== undefined) report(`${at}: only connections have credentials`);
    for (const reference of definition.references) {
      const value = r.attributes?.[reference.attribute];
      if (value === undefined) {
        if (reference.required) report(`${at}: attributes.${reference.attribute} must name the ${reference.type} it is built on`);
        continue;
      }
      const keys = reference.many ? value : [value];
      if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
        report(`${at}: attributes.${reference.attribute} must be ${reference.many ? 'a list of resource keys' : 'a resource key'}`);
        continue;
      }
      for (const k of keys as string[]) {
        const type = resourceTypes.get(k);
        if (!type) report(`${at}: attributes.${reference.attribute} "${k}" is not a resource in this file`);
        else if (type !== reference.type) report(`${at}: attributes.${reference.attribute} "${k}" is ${aType(type)}, not ${aType(reference.type)}`);
      }
    }
  });

  const granted = new Set<string>();
  file.grants.forEach((g, i) => {
    const at = where('grants', i);
    const type = resourceTypes.get(g.resource);
    if (!type) report(`${at}: resource "${g.resource}" is not a resource in this file`);
    if ((g.user === undefined) === (g.team === undefined)) report(`${at}: give exactly one of "user" and "team"`);
    if (g.user !== undefined && !memberKeys.has(g.user)) report(`${at}: user "${g.user}" is not a member in this file`);
    if (g.team !== undefined && !teamKeys.has(g.team)) report(`${at}: team "${g.team}" is not a team in this file`);
    if (type && !RESOURCE_TYPE_REGISTRY[type].grantableLevels.includes(g.level)) {
      report(
        `${at}: level ${g.level} cannot be granted on ${type} (grantable: ${RESOURCE_TYPE_REGISTRY[type].grantableLevels.map((l) => ACCESS_LEVEL_LABELS[l]).join(', ')})`,
      );
    }
    const subject = `${g.resource}|${g.user !== undefined ? `user:${g.user}` : `team:${g.team}`}`;
    if (granted.has(subject)) report(`${at}: "${g.resource}" already has a grant for this ${g.user !== undefined ? 'user' : 'team'}`);
    granted.add(subject);
  });

  if (problems.length) throw new ImportValidationError(problems);
  return file;
}
