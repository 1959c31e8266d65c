import { ACCESS_LEVEL_LABELS, type EffectiveLevel } from '@rolegraph/shared';

/** One path of an explanation, as the API returns it (AccessReason). */
export interface PathReason {
  readonly source: 'ORG_ROLE' | 'OWNERSHIP' | 'DIRECT_GRANT' | 'TEAM_GRANT' | 'PUBLIC';
  readonly level: EffectiveLevel;
  readonly winning: boolean;
  readonly inherited: boolean;
  readonly teamId?: string | null;
  readonly team?: { readonly name: string } | null;
  readonly anchorResourceId?: string | null;
  readonly anchorResource?: { readonly name: string } | null;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A node's rectangle, in the drawing's coordinates. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphNode {
  readonly key: string;
  readonly label: string;
  /** The label as drawn in its box: cut to fit, on one line across, on up to two lines down. */
  readonly lines: readonly string[];
  readonly kind: 'user' | 'via' | 'anchor' | 'resource';
  readonly column: number;
  readonly row: number;
  /** On the winning path. */
  readonly winning: boolean;
  readonly box: Box;
}

/**
 * One leg of an edge's route: a straight line, or a cubic curve whose control
 * points share its ends' x range (so it never leaves the gap it crosses).
 */
export type RouteLeg =
  | { readonly kind: 'line'; readonly from: Point; readonly to: Point }
  | { readonly kind: 'curve'; readonly from: Point; readonly c1: Point; readonly c2: Point; readonly to: Point };

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string | null;
  readonly winning: boolean;
  /** The route, from the source box's right (down: bottom) side to the target box's left (down: top) side. */
  readonly legs: readonly RouteLeg[];
  /** Where the label's text starts (just above the edge, beside its source). */
  readonly labelAt: Point | null;
}

/** Across: left to right, for wide screens. Down: top to bottom, so a phone shows the whole graph. */
export type PathOrientation = 'across' | 'down';

export interface PathGraph {
  readonly orientation: PathOrientation;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly columns: number;
  readonly rows: number;
  readonly width: number;
  readonly height: number;
  /** The winning path in words, for screen readers; null when nothing gives access. */
  readonly winningPathText: string | null;
}

/**
 * The drawing's measures (px), along the flow (user to resource) and across
 * it. Boxes sit in columns (down: in bands one under another); edges run in
 * the gaps between them. `chars` is how much of a label fits on a line.
 */
export const PATH_GRAPH_GEOMETRY = {
  across: { nodeAlong: 160, nodeAcross: 36, gap: 96, pitch: 60, margin: 8, chars: 22, lines: 1 },
  down: { nodeAlong: 40, nodeAcross: 92, gap: 56, pitch: 100, margin: 8, chars: 13, lines: 2 },
} as const;

/**
 * A label cut into at most `lines` lines of `chars` characters, at spaces
 * where it can; what does not fit ends in "…" (the box's title keeps it whole).
 */
export function labelLines(label: string, chars: number, lines: number): string[] {
  const out: string[] = [];
  let rest = label.trim();
  while (rest && out.length < lines) {
    if (rest.length <= chars) {
      out.push(rest);
      rest = '';
      break;
    }
    const space = rest.lastIndexOf(' ', chars);
    const cut = space > 0 && out.length < lines - 1 ? space : chars;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) {
    const last = out[out.length - 1] ?? '';
    out[out.length - 1] = `${last.slice(0, chars - 1).trimEnd()}…`;
  }
  return out;
}
/** Most distance between two edges' ends on one side of a box. */
const PORT_SPACING = 10;

function viaNode(reason: PathReason): { key: string; label: string } {
  switch (reason.source) {
    case 'ORG_ROLE':
      return { key: 'via:role', label: 'Org owner role' };
    case 'OWNERSHIP':
      return { key: 'via:owner', label: 'Owner' };
    case 'DIRECT_GRANT':
      return { key: 'via:direct', label: 'Direct grant' };
    case 'TEAM_GRANT':
      return { key: `via:team:${reason.teamId ?? '?'}`, label: `Team ${reason.team?.name ?? '(hidden)'}` };
    case 'PUBLIC':
      return { key: 'via:public', label: 'Live & public' };
  }
}

interface LogicalNode {
  key: string;
  label: string;
  kind: GraphNode['kind'];
  column: number;
  winning: boolean;
}

interface LogicalEdge {
  from: string;
  to: string;
  label: string | null;
  winning: boolean;
}

/** A node or, for an edge skipping columns, the point where it crosses a column (it takes a row of its own). */
interface Slot {
  readonly key: string;
  readonly column: number;
  /** The slots of the previous column it is linked to, for ordering. */
  readonly predecessors: string[];
  order: number;
  row: number;
  centerY: number;
}

/**
 * Lays out an explanation's paths as a left-to-right graph: the user, then
 * how each path starts (org role, ownership, a direct grant, a team), then —
 * for inherited paths — the ancestor carrying the grant, then the resource.
 * Nodes and edges shared by several paths appear once; those on a winning
 * path are marked.
 *
 * Boxes sit in columns and every edge is routed through the gaps between
 * them: between neighbouring columns as a curve that stays inside the gap,
 * and across a column it skips (a direct grant on the resource, beside
 * inherited paths) straight through a row kept free of boxes. So no edge
 * passes through a box. Down, the same drawing with its axes swapped: the
 * user on top, the resource at the bottom, paths side by side. Pure, so the
 * picture is tested without a browser.
 */
export function layoutPathGraph(
  userName: string,
  resourceName: string,
  resourceId: string,
  reasons: readonly PathReason[],
  orientation: PathOrientation = 'across',
): PathGraph {
  // Laid out across (x along the flow, y across it); drawn down by swapping the axes at the end.
  const G = PATH_GRAPH_GEOMETRY[orientation];
  const columnX = (column: number) => G.margin + column * (G.nodeAlong + G.gap);
  const hasAnchors = reasons.some((r) => r.inherited && r.anchorResourceId && r.anchorResourceId !== resourceId);
  const targetColumn = hasAnchors ? 3 : 2;
  const nodes = new Map<string, LogicalNode>();
  const edges = new Map<string, LogicalEdge>();
  const addNode = (key: string, label: string, kind: GraphNode['kind'], column: number, winning: boolean) => {
    const existing = nodes.get(key);
    if (existing) existing.winning ||= winning;
    else nodes.set(key, { key, label, kind, column, winning });
  };
  const addEdge = (from: string, to: string, label: string | null, winning: boolean) => {
    const key = `${from}→${to}→${label ?? ''}`;
    const existing = edges.get(key);
    if (existing) existing.winning ||= winning;
    else edges.set(key, { from, to, label, winning });
  };

  const anyWinning = reasons.some((r) => r.winning);
  addNode('user', userName, 'user', 0, anyWinning);
  let winningPathText: string | null = null;
  for (const reason of reasons) {
    const via = viaNode(reason);
    addNode(via.key, via.label, 'via', 1, reason.winning);
    addEdge('user', via.key, null, reason.winning);
    const anchored = reason.inherited && reason.anchorResourceId && reason.anchorResourceId !== resourceId;
    const level = ACCESS_LEVEL_LABELS[reason.level];
    const anchorLabel = reason.anchorResource?.name ?? 'A resource you cannot see';
    if (anchored) {
      const anchorKey = `anchor:${reason.anchorResourceId}`;
      addNode(anchorKey, anchorLabel, 'anchor', 2, reason.winning);
      addEdge(via.key, anchorKey, level, reason.winning);
      addEdge(anchorKey, 'resource', 'inherited', reason.winning);
    } else {
      addEdge(via.key, 'resource', level, reason.winning);
    }
    if (reason.winning && winningPathText === null) {
      const steps = [userName, via.label, ...(anchored ? [`${anchorLabel} (inherited)`] : []), resourceName];
      winningPathText = `Winning path: ${steps.join(' → ')}, giving ${level}.`;
    }
  }
  addNode('resource', resourceName, 'resource', targetColumn, anyWinning);

  // Slots: every node, and a crossing point for each column an edge skips.
  const slots = new Map<string, Slot>();
  const slotChains = new Map<LogicalEdge, string[]>();
  const insertion = new Map<string, number>();
  const addSlot = (key: string, column: number) => {
    if (!slots.has(key)) {
      insertion.set(key, insertion.size);
      slots.set(key, { key, column, predecessors: [], order: 0, row: 0, centerY: 0 });
    }
    return slots.get(key) as Slot;
  };
  for (const node of nodes.values()) addSlot(node.key, node.column);
  for (const edge of edges.values()) {
    const from = nodes.get(edge.from) as LogicalNode;
    const to = nodes.get(edge.to) as LogicalNode;
    const chain = [edge.from];
    for (let column = from.column + 1; column < to.column; column++) {
      const crossing = addSlot(`cross:${edge.from}→${edge.to}@${column}`, column);
      crossing.predecessors.push(chain[chain.length - 1] as string);
      chain.push(crossing.key);
    }
    (slots.get(edge.to) as Slot).predecessors.push(chain[chain.length - 1] as string);
    chain.push(edge.to);
    slotChains.set(edge, chain);
  }

  // Rows: each column in turn, ordered by where its predecessors sit (fewer crossings), then as added.
  const columns = targetColumn + 1;
  const byColumn: Slot[][] = Array.from({ length: columns }, () => []);
  for (const slot of slots.values()) byColumn[slot.column]?.push(slot);
  const rows = Math.max(1, ...byColumn.map((c) => c.length));
  const height = rows * G.pitch + 2 * G.margin;
  const width = columns * G.nodeAlong + (columns - 1) * G.gap + 2 * G.margin;
  for (const column of byColumn) {
    const weight = (slot: Slot) => {
      const ys = slot.predecessors.map((p) => (slots.get(p) as Slot).centerY);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0;
    };
    column.sort((a, b) => weight(a) - weight(b) || (insertion.get(a.key) ?? 0) - (insertion.get(b.key) ?? 0));
    const top = G.margin + ((rows - column.length) * G.pitch) / 2;
    column.forEach((slot, row) => {
      slot.row = row;
      slot.centerY = top + row * G.pitch + G.pitch / 2;
    });
  }
  const slotY = (key: string) => (slots.get(key) as Slot).centerY;

  // Ports: a box's edges leave (right) and arrive (left) at distinct heights, in the order of their other ends.
  const outgoing = new Map<string, LogicalEdge[]>();
  const incoming = new Map<string, LogicalEdge[]>();
  for (const edge of edges.values()) {
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge]);
  }
  const portY = (nodeKey: string, list: LogicalEdge[] | undefined, edge: LogicalEdge, otherEnd: (e: LogicalEdge) => number) => {
    const sorted = [...(list ?? [])].sort((a, b) => otherEnd(a) - otherEnd(b));
    const n = sorted.length;
    const spacing = n > 1 ? Math.min(PORT_SPACING, (G.nodeAcross - 12) / (n - 1)) : 0;
    return slotY(nodeKey) + (sorted.indexOf(edge) - (n - 1) / 2) * spacing;
  };
  const nextAfter = (e: LogicalEdge) => slotY((slotChains.get(e) as string[])[1] as string);
  const beforeLast = (e: LogicalEdge) => {
    const chain = slotChains.get(e) as string[];
    return slotY(chain[chain.length - 2] as string);
  };

  const routed: GraphEdge[] = [...edges.values()].map((edge) => {
    const chain = slotChains.get(edge) as string[];
    const fromColumn = (slots.get(edge.from) as Slot).column;
    const start: Point = { x: columnX(fromColumn) + G.nodeAlong, y: portY(edge.from, outgoing.get(edge.from), edge, nextAfter) };
    const end: Point = { x: columnX((slots.get(edge.to) as Slot).column), y: portY(edge.to, incoming.get(edge.to), edge, beforeLast) };
    const legs: RouteLeg[] = [];
    let at = start;
    for (const key of chain.slice(1, -1)) {
      const slot = slots.get(key) as Slot;
      const enter: Point = { x: columnX(slot.column), y: slot.centerY };
      const leave: Point = { x: columnX(slot.column) + G.nodeAlong, y: slot.centerY };
      legs.push(gapLeg(at, enter), { kind: 'line', from: enter, to: leave });
      at = leave;
    }
    legs.push(gapLeg(at, end));
    return {
      from: edge.from,
      to: edge.to,
      label: edge.label,
      winning: edge.winning,
      legs,
      labelAt: edge.label === null ? null : { x: start.x + 6, y: start.y - 4 },
    };
  });

  const laidOut: GraphNode[] = [...nodes.values()].map((n) => {
    const slot = slots.get(n.key) as Slot;
    return {
      ...n,
      lines: labelLines(n.label, G.chars, G.lines),
      row: slot.row,
      box: { x: columnX(n.column), y: slot.centerY - G.nodeAcross / 2, width: G.nodeAlong, height: G.nodeAcross },
    };
  });
  if (orientation === 'across') return { orientation, nodes: laidOut, edges: routed, columns, rows, width, height, winningPathText };
  return {
    orientation,
    nodes: laidOut.map((n) => ({ ...n, box: { x: n.box.y, y: n.box.x, width: n.box.height, height: n.box.width } })),
    edges: routed.map((e) => {
      const legs = e.legs.map(turnLeg);
      const start = legs[0]?.from;
      // Beside the edge, just below its source box.
      return { ...e, legs, labelAt: e.label === null || !start ? null : { x: start.x + 6, y: start.y + 14 } };
    }),
    columns,
    rows,
    width: height,
    height: width,
    winningPathText,
  };
}

/** A point of the across layout, drawn down. */
const turn = (p: Point): Point => ({ x: p.y, y: p.x });

function turnLeg(leg: RouteLeg): RouteLeg {
  return leg.kind === 'line'
    ? { kind: 'line', from: turn(leg.from), to: turn(leg.to) }
    : { kind: 'curve', from: turn(leg.from), c1: turn(leg.c1), c2: turn(leg.c2), to: turn(leg.to) };
}

/** From a box's right side (or a column crossing) to the next column's left side: a curve inside the gap, or a line when level (across; down turns it). */
function gapLeg(from: Point, to: Point): RouteLeg {
  if (from.y === to.y) return { kind: 'line', from, to };
  const mid = (from.x + to.x) / 2;
  return { kind: 'curve', from, c1: { x: mid, y: from.y }, c2: { x: mid, y: to.y }, to };
}

/** An edge's route as SVG path data. */
export function routePath(legs: readonly RouteLeg[]): string {
  const first = legs[0];
  if (!first) return '';
  const parts = [`M ${first.from.x} ${first.from.y}`];
  for (const leg of legs) {
    parts.push(leg.kind === 'line' ? `L ${leg.to.x} ${leg.to.y}` : `C ${leg.c1.x} ${leg.c1.y}, ${leg.c2.x} ${leg.c2.y}, ${leg.to.x} ${leg.to.y}`);
  }
  return parts.join(' ');
}

/** Points along a leg (both ends included), for checking where a route goes. */
export function sampleLeg(leg: RouteLeg, steps = 32): Point[] {
  if (leg.kind === 'line') return [leg.from, leg.to];
  const points: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    points.push({
      x: a * leg.from.x + b * leg.c1.x + c * leg.c2.x + d * leg.to.x,
      y: a * leg.from.y + b * leg.c1.y + c * leg.c2.y + d * leg.to.y,
    });
  }
  return points;
}
