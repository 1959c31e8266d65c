import { randomUUID } from 'node:crypto';
import { OrgAccessSnapshot } from '../../../src/access/orgSnapshot';
import { BadUserInputError } from '../../../src/errors';
import { MAX_PREVIEW_LEVELS_EVERYWHERE, previewOfChanges } from '../../../src/preview/changePreview';

/** An owner, `users` members and one more corpus than the bound on levels read everywhere. */
function largeOrganization(users: number): { graph: OrgAccessSnapshot; userIds: string[] } {
  const graph = new OrgAccessSnapshot();
  const owner = randomUUID();
  graph.upsertMember(owner, 'OWNER');
  const userIds = Array.from({ length: users }, () => randomUUID());
  for (const id of userIds) graph.upsertMember(id, 'USER');
  for (let i = 0; i <= MAX_PREVIEW_LEVELS_EVERYWHERE; i++) {
    const name = `Corpus ${i}`;
    graph.upsertResource({
      id: randomUUID(),
      type: 'CORPUS',
      parentId: null,
      ownerId: owner,
      status: null,
      visibility: null,
      name,
      sortName: name.toLowerCase(),
    });
  }
  return { graph, userIds };
}

describe('a preview of changes that reach every resource', () => {
  const { graph, userIds } = largeOrganization(2);
  const promote = (userId: string) => ({ changeMemberRole: { userId, role: 'OWNER' as const } });

  it('previews one such change whatever the organization’s size', () => {
    const preview = previewOfChanges(graph, [promote(userIds[0]!)], 3);
    expect(preview.totalGains).toBe(MAX_PREVIEW_LEVELS_EVERYWHERE + 1);
    expect(preview.users[0]!.changes.map((c) => c.after)).toEqual(['ADMIN', 'ADMIN', 'ADMIN']);
  });

  it('refuses several that would read more levels than one preview reads, saying how many and what to do', () => {
    let refusal: unknown;
    try {
      previewOfChanges(graph, userIds.map(promote), 3);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BadUserInputError);
    expect((refusal as Error).message).toBe(
      'These changes reach every resource for 2 people (a role change to or from Owner, or removing an owner): 500,002 levels to read, more than the 250,000 one preview reads. Preview them a few at a time.',
    );
  });
});
