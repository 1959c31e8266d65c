import { useId } from 'react';
import { Group, Stack, Text, VisuallyHidden, useMantineTheme } from '@mantine/core';
import { routePath, type GraphEdge, type PathGraph } from './accessPathLayout';

const WINNING_WIDTH = 3.5;
const OTHER_WIDTH = 1.5;
const OTHER_DASH = '5 4';
/** Between the lines of a box's label (px). */
const LINE_HEIGHT = 14;

/**
 * Draws a laid-out path graph as SVG, at its natural size inside its own
 * scrolling area (laid out down on phones, so it fits; one with many paths
 * still scrolls the graph, not the page). Edges run
 * only through the gaps between boxes (accessPathLayout). The winning path is
 * unmistakable without color: thick and solid where the others are thin and
 * dashed, drawn on top of them, its boxes outlined thick; a legend says so,
 * and screen readers are told the winning path in words.
 */
export function AccessPathGraph({ graph }: { graph: PathGraph }) {
  const theme = useMantineTheme();
  const descriptionId = useId();
  const markerId = `path-arrow${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const winColor = theme.colors.indigo[7];
  const otherColor = theme.colors.gray[6];
  // The winning edges last, so they are drawn over any edge they meet.
  const edges = [...graph.edges].sort((a, b) => Number(a.winning) - Number(b.winning));
  return (
    <Stack gap={4}>
      <div role="region" aria-label="Access path graph" tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <svg
          width={graph.width}
          height={graph.height}
          viewBox={`0 0 ${graph.width} ${graph.height}`}
          role="img"
          aria-label="Access paths"
          aria-describedby={graph.winningPathText ? descriptionId : undefined}
          style={{ display: 'block' }}
        >
          <defs>
            <ArrowMarker id={`${markerId}-win`} size={12} color={winColor} />
            <ArrowMarker id={`${markerId}-other`} size={9} color={otherColor} />
          </defs>
          {edges.map((edge) => (
            <Edge
              key={`${edge.from}→${edge.to}→${edge.label ?? ''}`}
              edge={edge}
              color={edge.winning ? winColor : otherColor}
              marker={`${markerId}-${edge.winning ? 'win' : 'other'}`}
            />
          ))}
          {edges
            .filter((edge) => edge.label && edge.labelAt)
            .map((edge) => (
              <text
                key={`label:${edge.from}→${edge.to}→${edge.label ?? ''}`}
                x={edge.labelAt?.x}
                y={edge.labelAt?.y}
                fontSize={11}
                fontWeight={edge.winning ? 700 : 400}
                fill={edge.winning ? winColor : theme.colors.gray[7]}
                stroke={theme.white}
                strokeWidth={3}
                paintOrder="stroke"
              >
                {edge.label}
              </text>
            ))}
          {graph.nodes.map((node) => (
            <g key={node.key} data-testid={`path-node-${node.kind}`} data-winning={node.winning}>
              <rect
                x={node.box.x}
                y={node.box.y}
                width={node.box.width}
                height={node.box.height}
                rx={8}
                fill={node.winning ? theme.colors.indigo[0] : theme.white}
                stroke={node.winning ? winColor : otherColor}
                strokeWidth={node.winning ? 2.5 : 1}
                strokeDasharray={node.winning ? undefined : OTHER_DASH}
              />
              <text
                x={node.box.x + node.box.width / 2}
                y={node.box.y + node.box.height / 2 + 4 - ((node.lines.length - 1) * LINE_HEIGHT) / 2}
                textAnchor="middle"
                fontSize={12}
                fontWeight={node.winning ? 600 : 400}
                fill={theme.black}
              >
                {node.lines.map((line, i) => (
                  <tspan key={i} x={node.box.x + node.box.width / 2} dy={i === 0 ? 0 : LINE_HEIGHT}>
                    {line}
                  </tspan>
                ))}
                <title>{node.label}</title>
              </text>
            </g>
          ))}
        </svg>
      </div>
      {graph.winningPathText && <VisuallyHidden id={descriptionId}>{graph.winningPathText}</VisuallyHidden>}
      <Group gap="lg" aria-hidden>
        <Group gap={6}>
          <svg width={32} height={8}>
            <line x1={0} y1={4} x2={32} y2={4} stroke={winColor} strokeWidth={WINNING_WIDTH} />
          </svg>
          <Text size="xs">Winning path (thick, solid)</Text>
        </Group>
        <Group gap={6}>
          <svg width={32} height={8}>
            <line x1={0} y1={4} x2={32} y2={4} stroke={otherColor} strokeWidth={OTHER_WIDTH} strokeDasharray={OTHER_DASH} />
          </svg>
          <Text size="xs">Other paths (thin, dashed)</Text>
        </Group>
      </Group>
    </Stack>
  );
}

function Edge({ edge, color, marker }: { edge: GraphEdge; color: string; marker: string }) {
  const d = routePath(edge.legs);
  return (
    <g data-winning={edge.winning} data-edge={`${edge.from}→${edge.to}`}>
      {/* A light casing under the winning path keeps it whole where other edges meet it. */}
      {edge.winning && <path d={d} fill="none" stroke="white" strokeWidth={WINNING_WIDTH + 4} strokeLinecap="round" />}
      <path
        d={d}
        fill="none"
        stroke={color}
        strokeWidth={edge.winning ? WINNING_WIDTH : OTHER_WIDTH}
        strokeDasharray={edge.winning ? undefined : OTHER_DASH}
        markerEnd={`url(#${marker})`}
      />
    </g>
  );
}

/** An arrowhead for the edges' ends, sized in pixels whatever the line's width. */
function ArrowMarker({ id, size, color }: { id: string; size: number; color: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth={size} markerHeight={size} orient="auto-start-reverse">
      <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
    </marker>
  );
}
