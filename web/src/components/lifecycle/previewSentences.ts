import { ACCESS_LEVEL_LABELS, type EffectiveLevel } from '@rolegraph/shared';
import { countOf } from '../plural';

export interface PreviewUser {
  readonly name: string;
  readonly gains: number;
  readonly losses: number;
  readonly lostAccess: number;
  readonly changes: readonly { readonly after: EffectiveLevel; readonly gain: boolean }[];
}

const resources = (n: number) => countOf(n, 'resource');

/**
 * One sentence per person: "Jo will lose access to 14 resources", "Kim will
 * gain Editor on 2 resources", "Lee will have less access on 3 resources".
 * A gained level is named only when every gain is among the items listed
 * (the preview lists the first few): otherwise it says "gain access".
 */
export function previewSentence(user: PreviewUser): string {
  const parts: string[] = [];
  if (user.lostAccess > 0) parts.push(`lose access to ${resources(user.lostAccess)}`);
  const lowered = user.losses - user.lostAccess;
  if (lowered > 0) parts.push(`have less access on ${resources(lowered)}`);
  if (user.gains > 0) {
    const listed = user.changes.filter((c) => c.gain);
    const levels = new Set(listed.map((c) => c.after));
    const level = levels.size === 1 && listed.length === user.gains ? ACCESS_LEVEL_LABELS[[...levels][0]!] : null;
    parts.push(level ? `gain ${level} on ${resources(user.gains)}` : `gain access on ${resources(user.gains)}`);
  }
  if (parts.length === 0) return `${user.name}: no change`;
  return `${user.name} will ${parts.join(', and ')}`;
}
