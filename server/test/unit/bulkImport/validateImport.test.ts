import { validateImport, ImportValidationError } from '../../../src/bulkImport/validateImport';
import { demoFile } from '../../../src/bulkImport/demo';

function problemsOf(document: unknown): string[] {
  try {
    validateImport(document);
  } catch (error) {
    if (error instanceof ImportValidationError) return [...error.problems];
    throw error;
  }
  return [];
}

const base = () => ({
  members: [
    { key: 'hana', email: 'hana@example.test', name: 'Hana', role: 'OWNER' },
    { key: 'jo', email: 'jo@example.test', name: 'Jo' },
  ],
  teams: [{ key: 'data', name: 'Data', members: [{ member: 'jo' }] }],
  resources: [
    { key: 'p', type: 'PROJECT', name: 'P', owner: 'hana' },
    { key: 'a', type: 'ASSISTANT', name: 'A', owner: 'jo', parent: 'p', status: 'LIVE' },
    { key: 'c', type: 'CONNECTION', name: 'C', owner: 'hana', credentials: 'secret' },
    { key: 's', type: 'SCHEMA_AGENT', name: 'S', owner: 'hana', attributes: { connectionId: 'c' } },
  ],
  grants: [
    { resource: 'p', team: 'data', level: 'MEMBER' },
    { resource: 's', user: 'jo', level: 'EDITOR' },
  ],
});

describe('validating an import file', () => {
  it('accepts a consistent file, and the demo', () => {
    expect(problemsOf(base())).toEqual([]);
    expect(problemsOf(demoFile())).toEqual([]);
  });

  it('names the record of a shape error', () => {
    const file = base();
    (file.resources[1] as Record<string, unknown>).type = 'ROBOT';
    expect(problemsOf(file)).toEqual([expect.stringMatching(/^resources\[1\] \(key "a"\)\.type: /)]);
  });

  it('finds unknown references, with the record they are in', () => {
    const file = base();
    file.resources[1]!.parent = 'p-9';
    file.resources[0]!.owner = 'nobody';
    file.teams[0]!.members.push({ member: 'ghost' });
    file.grants.push({ resource: 'zzz', user: 'jo', level: 'MEMBER' });
    expect(problemsOf(file)).toEqual([
      'teams[0] (key "data").members[1]: "ghost" is not a member in this file',
      'resources[0] (key "p"): owner "nobody" is not a member in this file',
      'resources[1] (key "a"): parent "p-9" is not a resource in this file',
      'grants[2]: resource "zzz" is not a resource in this file',
    ]);
  });

  it('refuses the characters the API refuses in names and descriptions, and keeps line breaks in descriptions', () => {
    const file = base();
    file.members[1]!.name = 'Jo\u202Enimda';
    file.members[1]!.email = 'jo\u2066@example.test';
    (file.teams[0] as Record<string, unknown>).description = 'Owns the warehouse\nand its models';
    file.teams[0]!.name = 'Data\tPlatform';
    (file.resources[0] as Record<string, unknown>).description = 'Read \u202Ebackwards';
    expect(problemsOf(file)).toEqual([
      'members[1] (key "jo"): the name contains U+202E, an invisible text-direction control',
      'members[1] (key "jo"): the email contains U+2066, an invisible text-direction control',
      'teams[0] (key "data"): the name contains U+0009, a tab',
      'resources[0] (key "p"): the description contains U+202E, an invisible text-direction control',
    ]);
  });

  it('holds names and descriptions to the lengths the API allows', () => {
    const file = base();
    file.members[1]!.name = 'j'.repeat(101);
    file.teams[0]!.name = 'd'.repeat(100);
    (file.resources[0] as Record<string, unknown>).description = 'p'.repeat(5001);
    file.resources[1]!.name = 'a'.repeat(201);
    expect(problemsOf(file)).toEqual([
      'members[1] (key "jo"): the name is longer than 100 characters',
      'resources[0] (key "p"): the description is longer than 5000 characters',
      'resources[1] (key "a"): the name is longer than 200 characters',
    ]);
  });

  it('enforces the registry: parents, grantable levels, type-only fields, built-on references', () => {
    const file = base();
    file.resources.push({ key: 'orphan', type: 'ASSISTANT', name: 'O', owner: 'jo' } as never);
    file.resources.push({ key: 'k', type: 'CORPUS', name: 'K', owner: 'jo', status: 'LIVE' } as never);
    file.resources.push({ key: 'm', type: 'SEMANTIC_MODEL', name: 'M', owner: 'jo', attributes: { schemaAgentId: 'c' } } as never);
    file.resources.push({ key: 'nested', type: 'ASSISTANT', name: 'N', owner: 'jo', parent: 'orphan' } as never);
    file.grants.push({ resource: 'p', user: 'jo', level: 'EDITOR' });
    expect(problemsOf(file)).toEqual([
      'resources[4] (key "orphan"): assistants need a parent, a project (PROJECT)',
      'resources[5] (key "k"): only assistants have a status and a visibility',
      'resources[6] (key "m"): attributes.schemaAgentId "c" is a connection (CONNECTION), not a schema agent (SCHEMA_AGENT)',
      'resources[7] (key "nested"): its parent must be a project (PROJECT); "orphan" is an assistant (ASSISTANT)',
      'grants[2]: level EDITOR cannot be granted on PROJECT (grantable: Member, Admin)',
    ]);
  });

  it('finds duplicates: keys, emails (case-insensitive), team names, grants per subject', () => {
    const file = base();
    file.members.push({ key: 'jo', email: 'JO@example.test', name: 'Jo again' } as never);
    file.teams.push({ key: 'data2', name: 'data', members: [] });
    file.grants.push({ resource: 'p', team: 'data', level: 'ADMIN' });
    expect(problemsOf(file)).toEqual([
      'members[2] (key "jo"): the key is used by another member',
      'members[2] (key "jo"): JO@example.test appears twice',
      'teams[1] (key "data2"): another team is named "data"',
      'grants[2]: "p" already has a grant for this team',
    ]);
  });

  it('needs exactly one subject per grant, valid emails and passwords of at least 10 characters', () => {
    const file = base();
    file.grants.push({ resource: 'p', level: 'MEMBER' } as never);
    file.members[1]!.email = 'not-an-email';
    (file.members[0] as Record<string, unknown>).password = 'short';
    expect(problemsOf(file)).toEqual([
      'members[0] (key "hana"): passwords need 10 to 200 characters',
      'members[1] (key "jo"): "not-an-email" is not a valid email address',
      'grants[2]: give exactly one of "user" and "team"',
    ]);
  });

  it('reports at most 100 problems', () => {
    const file = base();
    for (let i = 0; i < 300; i++) file.grants.push({ resource: `missing-${i}`, user: 'jo', level: 'MEMBER' });
    expect(problemsOf(file)).toHaveLength(100);
  });
});
