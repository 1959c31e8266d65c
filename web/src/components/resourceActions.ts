import { actionsAtLevel, isCapability, type EffectiveLevel, type ResourceType } from '@rolegraph/shared';
import { useViewer } from '../app/viewer';

/**
 * What the viewer may do on a resource, from its level there and their org
 * capabilities — the same table (shared/) the server enforces, used here
 * only to decide which buttons to offer; the server still decides.
 */
export function useResourceActions() {
  const { can } = useViewer();
  const allowedActions = (type: ResourceType, myLevel: EffectiveLevel | null | undefined): string[] =>
    actionsAtLevel(type, myLevel ?? 'NONE', (capability) => isCapability(capability) && can(capability));
  const mayDo = (type: ResourceType, myLevel: EffectiveLevel | null | undefined, action: string): boolean => allowedActions(type, myLevel).includes(action);
  return { allowedActions, mayDo };
}
