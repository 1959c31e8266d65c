import { ForbiddenError, NotFoundError } from '../errors';
import { resourceActionVerdict } from '../policies/authorize';
import { definePolicy } from '../policies/policy';
import { isSelf } from '../policies/policyActor';
import { ALLOW, deny } from '../policies/verdict';

/**
 * Who may ask for access and who may answer. Requests are between people:
 * API keys neither ask nor answer. A field knows only the request's id, so it
 * checks the part its arguments decide (a member); the command, having read
 * the request, checks the same policy with the request's resource or
 * requester. Someone who may not answer or cancel a request is told it does
 * not exist.
 */

/** Any member may ask for a level on any resource id, seen or not (the answer reveals nothing). */
export const requestAccessPolicy = definePolicy<Record<string, never>>({
  name: 'accessRequest.create',
  rule: 'a member (a person); the resource need not be visible to them',
  apiKey: undefined,
  decide: () => ALLOW,
});

export interface AnswerAccessRequestInput {
  /** The request's resource, once the request has been read; null at the field. */
  readonly resourceId: string | null;
  /** Who asked, once the request has been read; null at the field. */
  readonly requesterId: string | null;
}

/** Approving or denying: those who may share the resource (manageAccess), never the requester themself. */
export const answerAccessRequestPolicy = definePolicy<AnswerAccessRequestInput>({
  name: 'accessRequest.answer',
  rule: 'a member (a person) with action manageAccess on the request’s resource (Admin on it and assets.share, as for sharing); not the requester',
  apiKey: undefined,
  async decide(caller, input) {
    if (input.requesterId !== null && isSelf(caller.actor, input.requesterId)) {
      return deny(new ForbiddenError('You cannot answer your own access request; someone who may share the resource does.'));
    }
    if (input.resourceId === null) return ALLOW;
    const verdict = await resourceActionVerdict(caller.access, 'manageAccess', input.resourceId);
    return verdict.allowed ? ALLOW : deny(new NotFoundError('access request', undefined, true));
  },
});

/** Cancelling: only the member who asked. */
export const cancelAccessRequestPolicy = definePolicy<{ readonly requesterId: string | null }>({
  name: 'accessRequest.cancel',
  rule: 'a member (a person) who made the request',
  apiKey: undefined,
  decide(caller, input) {
    if (input.requesterId === null || isSelf(caller.actor, input.requesterId)) return ALLOW;
    return deny(new NotFoundError('access request', undefined, true));
  },
});
