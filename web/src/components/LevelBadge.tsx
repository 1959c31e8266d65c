import { Badge } from '@mantine/core';
import { ACCESS_LEVEL_LABELS, type EffectiveLevel } from '@rolegraph/shared';

const COLOR: Record<EffectiveLevel, string> = { NONE: 'gray', VIEWER: 'cyan', MEMBER: 'blue', EDITOR: 'violet', ADMIN: 'orange', OWNER: 'red' };

/** An access level as a colored badge. */
export function LevelBadge({ level }: { level: EffectiveLevel }) {
  return (
    <Badge color={COLOR[level]} variant="light">
      {ACCESS_LEVEL_LABELS[level]}
    </Badge>
  );
}
