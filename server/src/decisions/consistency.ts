import type { Consistency } from '../access/requestAccess';
import { parseRevisionToken } from '../access/revisionToken';
import { BadUserInputError } from '../errors';
import type { ConsistencyInput } from './decision.types';

/**
 * The `consistency` argument of a decision query, validated: AT_LEAST needs
 * a well-formed token of the caller's own organization; the other modes take
 * none.
 */
export function consistencyOf(input: ConsistencyInput | null | undefined, organizationId: string | null): Consistency {
  const mode = input?.mode ?? 'FULL';
  const token = input?.atLeast ?? null;
  if (mode !== 'AT_LEAST') {
    if (token !== null) throw new BadUserInputError('consistency.atLeast goes with mode AT_LEAST only.', 'consistency.atLeast');
    return { mode };
  }
  if (token === null) throw new BadUserInputError('consistency mode AT_LEAST needs atLeast: a revision token a response returned.', 'consistency.atLeast');
  const parsed = parseRevisionToken(token);
  if (!parsed) throw new BadUserInputError('consistency.atLeast is not a revision token: pass one a response returned, unchanged.', 'consistency.atLeast');
  if (parsed.organizationId !== organizationId) {
    throw new BadUserInputError('consistency.atLeast is a revision token of another organization.', 'consistency.atLeast');
  }
  return { mode, revision: parsed.revision };
}
