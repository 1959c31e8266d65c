import { graphql } from '../graphql/generated';

/**
 * What the viewer may do to a resource, as the server decides it (the same
 * evaluator and policies the mutations enforce). Queries spread this fragment
 * on every resource whose buttons a page shows; the app never re-derives a rule.
 */
export const RESOURCE_ABILITIES = graphql(`
  fragment ResourceAbilities on Resource {
    viewerAbilities {
      action
      allowed
      reason
    }
  }
`);

export interface WithAbilities {
  readonly viewerAbilities?: readonly { readonly action: string; readonly allowed: boolean; readonly reason?: string | null }[] | null;
}

/** Whether the server says the viewer may do `action` here. */
export function mayDo(subject: WithAbilities | null | undefined, action: string): boolean {
  return subject?.viewerAbilities?.some((a) => a.action === action && a.allowed) ?? false;
}

/** Why the viewer may not do `action` here, in the server's words; null when they may (or it is unknown). */
export function whyNot(subject: WithAbilities | null | undefined, action: string): string | null {
  const ability = subject?.viewerAbilities?.find((a) => a.action === action);
  return ability && !ability.allowed ? (ability.reason ?? 'Not allowed.') : null;
}
