import { actorOf } from './actor';
import { runCommand } from '../commands/commandScope';
import type { DomainError } from '../errors';
import type { GraphQLContext } from '../graphql/context';

/**
 * Writes a refused mutation to the audit log as DENIED, in its
 * own transaction (see deniedMutationsPlugin). Callers without an
 * organization have nowhere to be logged.
 */
export async function recordDeniedMutation(ctx: GraphQLContext, mutation: string, error: DomainError): Promise<void> {
  const organizationId = ctx.access.organizationId;
  if (!ctx.principal || !organizationId) return;
  try {
    await runCommand(
      { dataSource: ctx.app.dataSource, events: ctx.app.events, logger: ctx.app.logger },
      { actor: actorOf(ctx.principal), organizationId, requestId: ctx.requestId },
      (scope) => scope.audit({ action: `mutation.${mutation}`, outcome: 'DENIED', after: { code: error.code, reason: error.message } }),
    );
  } catch (auditError) {
    ctx.app.logger.error({ err: auditError }, 'recording a denied mutation failed');
  }
}
