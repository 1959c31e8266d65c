import fc from 'fast-check';
import { decide } from '../../../src/access/evaluator';
import { approversOf } from '../../../src/accessRequests/accessRequestCommands';
import { snapshotOf } from '../access/orgBuilder';
import { NOW, orgArbitrary } from '../access/randomOrganization';

describe('who answers a request for access', () => {
  it('is every member the evaluator lets share the resource, though only the few who may hold more than the public’s level are asked', () => {
    fc.assert(
      fc.property(orgArbitrary, (org) => {
        const graph = snapshotOf(org).at(NOW);
        for (const r of org.resources) {
          const everyone = [...graph.members()]
            .map(([userId]) => userId)
            .filter((userId) => decide(graph, { userId, action: 'manageAccess', resourceId: r.id }).allowed)
            .sort();
          expect(approversOf(graph, r.id)).toEqual(everyone);
        }
        expect(approversOf(graph, '00000000-0000-4000-8000-000000000000')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
