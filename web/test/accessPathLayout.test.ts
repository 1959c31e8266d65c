import { layoutPathGraph, type PathReason } from '../src/pages/access/accessPathLayout';

const teamGrantOnProject: PathReason = {
  source: 'TEAM_GRANT',
  level: 'MEMBER',
  winning: true,
  inherited: true,
  teamId: 't1',
  team: { name: 'Data' },
  anchorResourceId: 'project',
  anchorResource: { name: 'Revenue insights' },
};

describe('layoutPathGraph', () => {
  it('draws an inherited team grant as user → team → project → assistant, all on the winning path', () => {
    const graph = layoutPathGraph('Jun', 'Revenue bot', 'assistant', [teamGrantOnProject]);
    expect(graph.columns).toBe(4);
    expect(graph.nodes.map((n) => [n.kind, n.label, n.column, n.winning])).toEqual([
      ['user', 'Jun', 0, true],
      ['via', 'Team Data', 1, true],
      ['anchor', 'Revenue insights', 2, true],
      ['resource', 'Revenue bot', 3, true],
    ]);
    expect(graph.edges).toEqual([
      { from: 'user', to: 'via:team:t1', label: null, winning: true },
      { from: 'via:team:t1', to: 'anchor:project', label: 'Member', winning: true },
      { from: 'anchor:project', to: 'resource', label: 'inherited', winning: true },
    ]);
  });

  it('marks only the winning path when several reach the resource, and stacks same-column nodes in rows', () => {
    const direct: PathReason = { source: 'DIRECT_GRANT', level: 'EDITOR', winning: true, inherited: false, anchorResourceId: 'model' };
    const team: PathReason = {
      ...teamGrantOnProject,
      level: 'VIEWER',
      winning: false,
      inherited: false,
      anchorResourceId: 'model',
      anchorResource: { name: 'Sales' },
    };
    const graph = layoutPathGraph('Jun', 'Sales', 'model', [direct, team]);
    expect(graph.columns).toBe(3);
    expect(graph.rows).toBe(2);
    const via = graph.nodes.filter((n) => n.kind === 'via');
    expect(via.map((n) => [n.label, n.row, n.winning])).toEqual([
      ['Direct grant', 0, true],
      ['Team Data', 1, false],
    ]);
    expect(graph.edges.filter((e) => e.winning).map((e) => `${e.from}→${e.to}`)).toEqual(['user→via:direct', 'via:direct→resource']);
  });

  it('shares one node between paths through the same team, and names an ancestor the viewer cannot see', () => {
    const hidden: PathReason = { ...teamGrantOnProject, anchorResource: null };
    const again: PathReason = { ...teamGrantOnProject, winning: false, anchorResourceId: 'other', anchorResource: null };
    const graph = layoutPathGraph('Jun', 'Bot', 'assistant', [hidden, again]);
    expect(graph.nodes.filter((n) => n.kind === 'via')).toHaveLength(1);
    expect(graph.nodes.filter((n) => n.kind === 'anchor').map((n) => n.label)).toEqual(['A resource you cannot see', 'A resource you cannot see']);
  });

  it('has just the user and the resource when nothing gives access', () => {
    const graph = layoutPathGraph('Jun', 'Bot', 'assistant', []);
    expect(graph.nodes.map((n) => [n.kind, n.winning])).toEqual([
      ['user', false],
      ['resource', false],
    ]);
    expect(graph.edges).toEqual([]);
  });
});
