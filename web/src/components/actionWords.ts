import { RESOURCE_TYPE_REGISTRY, levelAtLeast, type GrantLevel, type ResourceType } from '@rolegraph/shared';

/** Names whose words need more than splitting. */
const SPECIAL: Readonly<Record<string, string>> = {
  participateInterview: 'take part in interviews',
  runDbt: 'run dbt',
  'llmConfig.manage': 'manage the LLM configuration',
  'auditLog.read': 'read the audit log',
  'apiKeys.manage': 'manage API keys',
};

/** An action or capability name as words: "editDocuments" → "edit documents", "users.manage" → "manage users". */
export function actionWords(action: string): string {
  const special = SPECIAL[action];
  if (special) return special;
  const [area, verb] = action.split('.');
  if (verb !== undefined && area !== undefined) return `${splitCamel(verb)} ${splitCamel(area)}`;
  return splitCamel(action);
}

function splitCamel(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/**
 * What a share level allows on a type, in one line, from the type's actions
 * table: "Can read and chat." Actions that also need a role capability say so.
 */
export function levelDescription(type: ResourceType, level: GrantLevel): string {
  const actions = Object.entries(RESOURCE_TYPE_REGISTRY[type].actions)
    .filter(([, need]) => need.minLevel !== 'OWNER' && levelAtLeast(level, need.minLevel))
    .map(([action, need]) => (need.capability ? `${actionWords(action)} (if their role allows)` : actionWords(action)));
  if (actions.length === 0) return 'Nothing beyond seeing it.';
  const list = actions.length === 1 ? actions[0] : `${actions.slice(0, -1).join(', ')} and ${actions[actions.length - 1]}`;
  return `Can ${list}.`;
}
