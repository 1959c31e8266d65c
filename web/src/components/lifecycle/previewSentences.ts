import { ACCESS_LEVEL_LABELS, type EffectiveLevel } from '@rolegraph/shared';

export interface PreviewUser {
  readonly name: string;
  readonly gains: number;
  readonly losses: number;
  readonly lostAccess: number;
  readonly changes: readonly { readonly after: EffectiveLevel; readonly gain: boolean }[];
}

const resources = (n: number) => `${n} resource${n === 1 ? '' : 's'}`;

/**
 * One sentence per person: "Jo will lose access to 14 resources", "Kim will
 * gain Editor on 2 resources", "Lee's access will go down on 3 resources".
 */
export function previewSentence(user: PreviewUser): string {
  const parts: string[] = [];
  if (user.lostAccess > 0) parts.push(`lose access to ${resources(user.lostAccess)}`);
  const lowered = user.losses - user.lostAccess;
  if (lowered > 0) parts.push(`have less access on ${resources(lowered)}`);
  if (user.gains > 0) {
    const levels = new Set(user.changes.filter((c) => c.gain).map((c) => c.after));
    const level = levels.size === 1 ? ACCESS_LEVEL_LABELS[[...levels][0]!] : null;
    parts.push(level ? `gain ${level} on ${resources(user.gains)}` : `gain access on ${resources(user.gains)}`);
  }
  if (parts.length === 0) return `${user.name}: no change`;
  return `${user.name} will ${parts.join(', and ')}`;
}
