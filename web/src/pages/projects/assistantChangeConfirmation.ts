import type { AssistantStatus, AssistantVisibility } from '@rolegraph/shared';

export interface AssistantState {
  readonly name: string;
  readonly status: AssistantStatus;
  readonly visibility: AssistantVisibility;
}

export interface AssistantChangeWording {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly danger: boolean;
}

/** The one sentence that says who can open a draft assistant (the evaluator's rule). */
export const DRAFT_RULE = 'Draft: only its owner and the organization’s owners can open it.';

/**
 * What the confirmation of a status or visibility change says: who gains or
 * loses access to the assistant once it is made. Every such change asks
 * first: going live or public opens the assistant to more people (public and
 * live: anyone, even without signing in); going back to draft or private
 * takes access away.
 */
export function assistantChangeWording(
  current: AssistantState,
  change: { status?: AssistantStatus; visibility?: AssistantVisibility },
): AssistantChangeWording {
  const next = { status: change.status ?? current.status, visibility: change.visibility ?? current.visibility };
  const name = current.name;
  const publicNow = current.status === 'LIVE' && current.visibility === 'PUBLIC';
  const publicNext = next.status === 'LIVE' && next.visibility === 'PUBLIC';
  if (publicNext && !publicNow) {
    return {
      title: `Make ${name} public and live?`,
      message: `Anyone — inside or outside the organization, even without signing in — will be able to read and chat with ${name}. You cannot add people to its sharing while it is public.`,
      confirmLabel: next.status !== current.status ? 'Make live' : 'Make public',
      danger: true,
    };
  }
  if (change.status === 'LIVE') {
    return {
      title: `Make ${name} live?`,
      message: `Everyone with access to the project and everyone it is shared with will be able to open ${name}.${
        next.visibility === 'PUBLIC' ? '' : ' It stays private: only those with access.'
      }`,
      confirmLabel: 'Make live',
      danger: false,
    };
  }
  if (change.status === 'DRAFT') {
    return {
      title: `Put ${name} back to draft?`,
      message: `${DRAFT_RULE} Everyone else who can open it now, through the project, a team or a share${publicNow ? ', or because it is public' : ''}, loses access until it is live again.`,
      confirmLabel: 'Make draft',
      danger: true,
    };
  }
  if (change.visibility === 'PUBLIC') {
    return {
      title: `Make ${name} public?`,
      message: `While it is a draft, only its owner and the organization’s owners can open it. Once it is live, anyone — even without signing in — will be able to read and chat with ${name}.`,
      confirmLabel: 'Make public',
      danger: true,
    };
  }
  return {
    title: `Make ${name} private?`,
    message: publicNow
      ? `Only people with access — through the project, a team or a share — will be able to open ${name}. Everyone else loses access now.`
      : `Only people with access — through the project, a team or a share — will be able to open ${name}.`,
    confirmLabel: 'Make private',
    danger: publicNow,
  };
}
