import type { AppServices } from '../app/appServices';
import type { ApiKeyPrincipal, MemberPrincipal } from '../auth/principal';
import { actorOf, type Actor } from '../audit/actor';
import { runCommand, type CommandScope } from './commandScope';
import type { RequestAccess } from '../access/requestAccess';

/** Who runs a command, in which organization, for which request. */
export interface CommandContext {
  readonly app: AppServices;
  readonly principal: MemberPrincipal | ApiKeyPrincipal;
  readonly organizationId: string;
  readonly requestId: string;
  readonly actor: Actor;
  /** The request's evaluator view, for checks that depend on the command's input. */
  readonly access: RequestAccess;
}

export function commandContext(app: AppServices, principal: MemberPrincipal | ApiKeyPrincipal, requestId: string, access: RequestAccess): CommandContext {
  return { app, principal, organizationId: principal.organizationId, requestId, actor: actorOf(principal), access };
}

/**
 * Runs `body` as one command (one transaction, audit, events after commit)
 * for this context. Afterwards the request's access view moves to the
 * organization's current revision, so what the mutation returns is presented
 * with the access it just created.
 */
export async function execute<T>(ctx: CommandContext, body: (scope: CommandScope) => Promise<T>): Promise<T> {
  const result = await runCommand(
    { dataSource: ctx.app.dataSource, events: ctx.app.events, logger: ctx.app.logger, changeLog: ctx.app.accessChangeLog },
    { actor: ctx.actor, organizationId: ctx.organizationId, requestId: ctx.requestId, onCommitted: (revision) => ctx.access.noteRevision(revision) },
    body,
  );
  await ctx.access.refresh();
  return result;
}

/** The acting account id, or null for an API key (which acts for the organization, as nobody in particular). */
export function actingAccountId(ctx: CommandContext): string | null {
  return ctx.principal.kind === 'USER' ? ctx.principal.accountId : null;
}
