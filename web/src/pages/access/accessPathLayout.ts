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

export interface GraphNode {
  readonly key: string;
  readonly label: string;
  readonly kind: 'user' | 'via' | 'anchor' | 'resource';
  readonly column: number;
  readonly row: number;
  /** On the winning path. */
  readonly winning: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string | null;
  readonly winning: boolean;
}

export interface PathGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly columns: number;
  readonly rows: number;
}

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

/**
 * Lays out an explanation's paths as a left-to-right graph: the user, then
 * how each path starts (org role, ownership, a direct grant, a team), then —
 * for inherited paths — the ancestor carrying the grant, then the resource.
 * Nodes and edges shared by several paths appear once; those on a winning
 * path are marked. Pure, so the picture is tested without a browser.
 */
export function layoutPathGraph(userName: string, resourceName: string, resourceId: string, reasons: readonly PathReason[]): PathGraph {
  const hasAnchors = reasons.some((r) => r.inherited && r.anchorResourceId && r.anchorResourceId !== resourceId);
  const targetColumn = hasAnchors ? 3 : 2;
  const nodes = new Map<string, { key: string; label: string; kind: GraphNode['kind']; column: number; winning: boolean }>();
  const edges = new Map<string, { from: string; to: string; label: string | null; winning: boolean }>();
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

  addNode(
    'user',
    userName,
    'user',
    0,
    reasons.some((r) => r.winning),
  );
  for (const reason of reasons) {
    const via = viaNode(reason);
    addNode(via.key, via.label, 'via', 1, reason.winning);
    addEdge('user', via.key, null, reason.winning);
    const anchored = reason.inherited && reason.anchorResourceId && reason.anchorResourceId !== resourceId;
    const level = ACCESS_LEVEL_LABELS[reason.level];
    if (anchored) {
      const anchorKey = `anchor:${reason.anchorResourceId}`;
      addNode(anchorKey, reason.anchorResource?.name ?? 'A resource you cannot see', 'anchor', 2, reason.winning);
      addEdge(via.key, anchorKey, level, reason.winning);
      addEdge(anchorKey, 'resource', 'inherited', reason.winning);
    } else {
      addEdge(via.key, 'resource', level, reason.winning);
    }
  }
  addNode(
    'resource',
    resourceName,
    'resource',
    targetColumn,
    reasons.some((r) => r.winning),
  );

  const rowsUsed = new Map<number, number>();
  const laidOut: GraphNode[] = [...nodes.values()].map((n) => {
    const row = rowsUsed.get(n.column) ?? 0;
    rowsUsed.set(n.column, row + 1);
    return { ...n, row };
  });
  return { nodes: laidOut, edges: [...edges.values()], columns: targetColumn + 1, rows: Math.max(1, ...rowsUsed.values()) };
}
