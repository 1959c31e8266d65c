import { useMantineTheme } from '@mantine/core';
import type { GraphNode, PathGraph } from './accessPathLayout';

const COLUMN_WIDTH = 250;
const ROW_HEIGHT = 64;
const NODE_WIDTH = 165;
const NODE_HEIGHT = 36;

/** Draws a laid-out path graph as SVG; the winning path is solid and colored, the others dashed. */
export function AccessPathGraph({ graph }: { graph: PathGraph }) {
  const theme = useMantineTheme();
  const height = graph.rows * ROW_HEIGHT + 16;
  const width = graph.columns * COLUMN_WIDTH;
  const offset = (column: number) => (height - graph.nodes.filter((n) => n.column === column).length * ROW_HEIGHT) / 2;
  const position = (node: GraphNode) => ({
    x: node.column * COLUMN_WIDTH + 10,
    y: offset(node.column) + node.row * ROW_HEIGHT + (ROW_HEIGHT - NODE_HEIGHT) / 2,
  });
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const winColor = theme.colors.indigo[6];
  const otherColor = theme.colors.gray[5];
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Access paths" style={{ maxWidth: width }}>
      <defs>
        <marker id="arrow-win" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill={winColor} />
        </marker>
        <marker id="arrow-other" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill={otherColor} />
        </marker>
      </defs>
      {graph.edges.map((edge) => {
        const from = byKey.get(edge.from);
        const to = byKey.get(edge.to);
        if (!from || !to) return null;
        const a = position(from);
        const b = position(to);
        const x1 = a.x + NODE_WIDTH;
        const y1 = a.y + NODE_HEIGHT / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_HEIGHT / 2;
        const mid = (x1 + x2) / 2;
        return (
          <g key={`${edge.from}-${edge.to}-${edge.label ?? ''}`} data-winning={edge.winning}>
            <path
              d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
              fill="none"
              stroke={edge.winning ? winColor : otherColor}
              strokeWidth={edge.winning ? 2.5 : 1.5}
              strokeDasharray={edge.winning ? undefined : '5 4'}
              markerEnd={`url(#${edge.winning ? 'arrow-win' : 'arrow-other'})`}
            />
            {edge.label && (
              <text x={mid} y={(y1 + y2) / 2 - 5} textAnchor="middle" fontSize={11} fill={edge.winning ? winColor : theme.colors.gray[7]}>
                {edge.label}
              </text>
            )}
          </g>
        );
      })}
      {graph.nodes.map((node) => {
        const p = position(node);
        const strong = node.winning;
        return (
          <g key={node.key} data-testid={`path-node-${node.kind}`} data-winning={node.winning}>
            <rect
              x={p.x}
              y={p.y}
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={8}
              fill={strong ? theme.colors.indigo[0] : theme.white}
              stroke={strong ? winColor : otherColor}
              strokeWidth={strong ? 2 : 1}
            />
            <text x={p.x + NODE_WIDTH / 2} y={p.y + NODE_HEIGHT / 2 + 4} textAnchor="middle" fontSize={12} fill={theme.black}>
              {node.label.length > 24 ? `${node.label.slice(0, 23)}…` : node.label}
              <title>{node.label}</title>
            </text>
          </g>
        );
      })}
    </svg>
  );
}
