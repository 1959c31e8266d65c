import {
  labelLines,
  PATH_GRAPH_GEOMETRY,
  layoutPathGraph,
  routePath,
  sampleLeg,
  type Box,
  type PathGraph,
  type PathOrientation,
  type PathReason,
  type Point,
} from '../src/pages/access/accessPathLayout';

const logical = (graph: PathGraph) => graph.edges.map(({ from, to, label, winning }) => ({ from, to, label, winning }));

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
    expect(logical(graph)).toEqual([
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
    expect(graph.winningPathText).toBeNull();
  });

  it('says the winning path in words, for screen readers', () => {
    expect(layoutPathGraph('Jun', 'Revenue bot', 'assistant', [teamGrantOnProject]).winningPathText).toBe(
      'Winning path: Jun → Team Data → Revenue insights (inherited) → Revenue bot, giving Member.',
    );
  });

  it('routes a direct grant on the resource around the ancestors’ column, through a row of its own', () => {
    const direct: PathReason = { source: 'DIRECT_GRANT', level: 'EDITOR', winning: false, inherited: false, anchorResourceId: 'assistant' };
    const graph = layoutPathGraph('Jun', 'Revenue bot', 'assistant', [{ ...teamGrantOnProject, level: 'ADMIN' }, direct]);
    const edge = graph.edges.find((e) => e.from === 'via:direct' && e.to === 'resource');
    // Into the gap, straight across the ancestors' column in a row no box takes, then on to the resource.
    expect(edge?.legs).toHaveLength(3);
    const across = edge?.legs[1];
    const anchor = graph.nodes.find((n) => n.kind === 'anchor');
    expect(across).toMatchObject({ kind: 'line', from: { x: anchor?.box.x }, to: { x: (anchor?.box.x ?? 0) + (anchor?.box.width ?? 0) } });
    expect(Math.abs((across?.from.y ?? 0) - ((anchor?.box.y ?? 0) + (anchor?.box.height ?? 0) / 2))).toBeGreaterThanOrEqual(anchor?.box.height ?? 0);
    expect(graph.rows).toBe(2);
    expect(noEdgeCrossesABox(graph)).toEqual([]);
    expect(routePath(edge?.legs ?? [])).toMatch(/^M [\d.]+ [\d.]+ [LC] .* L .* [LC] /);
  });
});

/** Whether a point lies inside a box (its border excluded, by a hair). */
function inside(point: Point, box: Box): boolean {
  const e = 0.5;
  return point.x > box.x + e && point.x < box.x + box.width - e && point.y > box.y + e && point.y < box.y + box.height - e;
}

/** Whether the segment a–b passes through the box's interior (Liang–Barsky clipping against the box shrunk by a hair). */
function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const e = 0.5;
  const [xmin, xmax, ymin, ymax] = [box.x + e, box.x + box.width - e, box.y + e, box.y + box.height - e];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a.x - xmin],
    [dx, xmax - a.x],
    [-dy, a.y - ymin],
    [dy, ymax - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Every (edge, box) pair where the edge's route passes through a box other than its own two ends. */
function noEdgeCrossesABox(graph: PathGraph): string[] {
  const hits: string[] = [];
  for (const edge of graph.edges) {
    const points = edge.legs.flatMap((leg) => sampleLeg(leg, 48));
    for (const node of graph.nodes) {
      if (node.key === edge.from || node.key === edge.to) continue;
      const crosses = points.some((p) => inside(p, node.box)) || points.slice(1).some((p, i) => segmentHitsBox(points[i] as Point, p, node.box));
      if (crosses) hits.push(`${edge.from}→${edge.to} crosses ${node.key}`);
    }
  }
  return hits;
}

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN', 'OWNER'] as const;

/** Paths as an explanation can have them: a source, on the resource or on one of a few ancestors, one of them winning. */
function generatedReasons(next: () => number): PathReason[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const count = Math.floor(next() * 9);
  const reasons: PathReason[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const source = pick(['ORG_ROLE', 'OWNERSHIP', 'DIRECT_GRANT', 'TEAM_GRANT', 'TEAM_GRANT', 'PUBLIC'] as const);
    const teamId = source === 'TEAM_GRANT' ? pick(['t1', 't2', 't3', 't4']) : null;
    const onAncestor = source !== 'ORG_ROLE' && source !== 'PUBLIC' && next() < 0.5;
    const anchorResourceId = source === 'ORG_ROLE' ? null : onAncestor ? pick(['p1', 'p2']) : 'r';
    const key = `${source}:${teamId}:${anchorResourceId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push({
      source,
      level: pick(LEVELS),
      winning: false,
      inherited: onAncestor,
      teamId,
      team: teamId ? { name: teamId.toUpperCase() } : null,
      anchorResourceId,
      anchorResource: anchorResourceId && next() < 0.8 ? { name: `Resource ${anchorResourceId}` } : null,
    });
  }
  const winner = Math.floor(next() * reasons.length);
  if (reasons[winner]) reasons[winner] = { ...reasons[winner], winning: true };
  return reasons;
}

describe.each<PathOrientation>(['across', 'down'])('layoutPathGraph on generated path sets, %s', (orientation) => {
  it('never routes an edge through a box, keeps boxes apart, and marks exactly the winning path', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const reasons = generatedReasons(random(seed));
      const graph = layoutPathGraph('Jun', 'Bot', 'r', reasons, orientation);
      expect(graph.orientation).toBe(orientation);
      expect({ seed, hits: noEdgeCrossesABox(graph) }).toEqual({ seed, hits: [] });
      // Boxes do not overlap one another, and all lie within the drawing.
      for (const [i, a] of graph.nodes.entries()) {
        expect(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.width <= graph.width && a.box.y + a.box.height <= graph.height).toBe(true);
        for (const b of graph.nodes.slice(i + 1)) {
          const apart =
            a.box.x + a.box.width <= b.box.x || b.box.x + b.box.width <= a.box.x || a.box.y + a.box.height <= b.box.y || b.box.y + b.box.height <= a.box.y;
          expect({ seed, pair: `${a.key} ${b.key}`, apart }).toEqual({ seed, pair: `${a.key} ${b.key}`, apart: true });
        }
      }
      // Every edge starts on its source box's far side along the flow (across: right; down: bottom) and ends on its target's near side.
      const box = (key: string) => graph.nodes.find((n) => n.key === key)?.box as Box;
      const along = (p: Point) => (orientation === 'across' ? p.x : p.y);
      const crosswise = (p: Point) => (orientation === 'across' ? p.y : p.x);
      const start = (b: Box) => (orientation === 'across' ? b.x : b.y);
      const length = (b: Box) => (orientation === 'across' ? b.width : b.height);
      const side = (b: Box) => (orientation === 'across' ? b.y : b.x);
      const breadth = (b: Box) => (orientation === 'across' ? b.height : b.width);
      for (const edge of graph.edges) {
        const first = edge.legs[0]?.from as Point;
        const last = edge.legs[edge.legs.length - 1]?.to as Point;
        expect(along(first)).toBe(start(box(edge.from)) + length(box(edge.from)));
        expect(along(last)).toBe(start(box(edge.to)));
        expect(crosswise(first)).toBeGreaterThan(side(box(edge.from)));
        expect(crosswise(first)).toBeLessThan(side(box(edge.from)) + breadth(box(edge.from)));
        expect(crosswise(last)).toBeGreaterThan(side(box(edge.to)));
        expect(crosswise(last)).toBeLessThan(side(box(edge.to)) + breadth(box(edge.to)));
      }
      // Every box's label fits its lines.
      const { chars, lines } = PATH_GRAPH_GEOMETRY[orientation];
      for (const node of graph.nodes) {
        expect(node.lines.length).toBeLessThanOrEqual(lines);
        for (const line of node.lines) expect(line.length).toBeLessThanOrEqual(chars);
      }
      // The winning edges form one path from the user to the resource.
      const winner = reasons.find((r) => r.winning);
      const winning = graph.edges.filter((e) => e.winning);
      if (!winner) {
        expect(winning).toEqual([]);
        continue;
      }
      const anchored = winner.inherited && winner.anchorResourceId !== 'r';
      expect({ seed, winningEdges: winning.length }).toEqual({ seed, winningEdges: anchored ? 3 : 2 });
      let at = 'user';
      const visited = new Set<string>();
      while (at !== 'resource' && !visited.has(at)) {
        visited.add(at);
        const step = winning.find((e) => e.from === at);
        expect({ seed, at, step: Boolean(step) }).toEqual({ seed, at, step: true });
        at = step?.to ?? 'resource';
      }
      expect(graph.winningPathText).toMatch(/^Winning path: Jun → .* → Bot, giving /);
    }
  });
});

describe('layoutPathGraph down, for phones', () => {
  it('runs from the user at the top to the resource at the bottom, and three paths side by side fit a 390 px screen', () => {
    const direct: PathReason = { source: 'DIRECT_GRANT', level: 'ADMIN', winning: true, inherited: false, anchorResourceId: 'assistant' };
    const role: PathReason = { source: 'ORG_ROLE', level: 'ADMIN', winning: false, inherited: false };
    const graph = layoutPathGraph('Jun', 'Revenue bot', 'assistant', [direct, { ...teamGrantOnProject, winning: false }, role], 'down');
    const user = graph.nodes.find((n) => n.kind === 'user')?.box as Box;
    const resource = graph.nodes.find((n) => n.kind === 'resource')?.box as Box;
    expect(user.y).toBeLessThan(resource.y);
    expect(graph.nodes.filter((n) => n.kind === 'via')).toHaveLength(3);
    // The page and its card take 2 × 36 px of the width.
    expect(graph.width).toBeLessThanOrEqual(390 - 72);
    expect(graph.height).toBeGreaterThan(graph.width);
  });
});

describe('labelLines', () => {
  it('keeps a label that fits, and breaks a longer one at a space', () => {
    expect(labelLines('Team Data', 14, 2)).toEqual(['Team Data']);
    expect(labelLines('Customer Support', 14, 2)).toEqual(['Customer', 'Support']);
    expect(labelLines('Org owner role', 22, 1)).toEqual(['Org owner role']);
  });

  it('cuts what does not fit with an ellipsis, within the line length', () => {
    expect(labelLines('A resource you cannot see', 14, 2)).toEqual(['A resource you', 'cannot see']);
    expect(labelLines('Quarterly revenue insights for EMEA', 14, 2)).toEqual(['Quarterly', 'revenue insig…']);
    expect(labelLines('Supercalifragilisticexpialidocious', 14, 2)).toEqual(['Supercalifragi', 'listicexpiali…']);
    expect(labelLines('A very long project name indeed', 22, 1)).toEqual(['A very long project n…']);
  });
});
