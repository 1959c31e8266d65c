import { LocalMirror, RolegraphClient } from '@rolegraph/client';
import { graphql } from './serverProcess';

export interface MirrorResult {
  /** Users the mirror watched. */
  readonly users: number;
  /** Seconds the mirror took to read their levels and catch up with the stream. */
  readonly startSeconds: number;
  /** Checks per second answered in process (one caller, awaiting each). */
  readonly checksPerSecond: number;
  /** Share of those checks the mirror answered itself (the rest went to the server). */
  readonly answeredInProcess: number;
  /** From a revoke's response to the mirror denying, without the revoke's token (the stream's own delay), over `rounds`. */
  readonly revokeToDenyP50Ms: number;
  readonly revokeToDenyMaxMs: number;
  readonly rounds: number;
}

/**
 * The client's local mirror against a running server: how many checks per
 * second it answers in process for the users it watches, and how long after
 * a revoke's response it denies on its own (following the accessChanges
 * stream, not waiting for a token).
 */
export async function measureMirror(options: {
  url: string;
  ownerToken: string;
  apiKey: string;
  userIds: readonly string[];
  resourceIds: readonly string[];
  corpusOwnerToken?: string;
  seconds: number;
  rounds: number;
}): Promise<MirrorResult> {
  const client = new RolegraphClient({ url: options.url, apiKey: options.apiKey });
  const started = performance.now();
  const mirror = await LocalMirror.start(client, { users: options.userIds, waitMs: 2000 });
  const startSeconds = (performance.now() - started) / 1000;
  try {
    let checks = 0;
    let inProcess = 0;
    const until = performance.now() + options.seconds * 1000;
    const now = mirror.revision;
    while (performance.now() < until) {
      for (let i = 0; i < 1000; i++) {
        const userId = options.userIds[checks % options.userIds.length]!;
        const resourceId = options.resourceIds[(checks * 7919) % options.resourceIds.length]!;
        const answer = await mirror.check({ userId, action: 'read', resourceId }, now);
        checks++;
        if (answer.answeredBy === 'MIRROR') inProcess++;
      }
    }
    const checksPerSecond = checks / options.seconds;

    const delays: number[] = [];
    const userId = options.userIds[0]!;
    for (let round = 0; round < options.rounds; round++) {
      const corpus = await graphql<{ createResource: { id: string } }>(
        options.url,
        `
          mutation ($input: CreateResourceInput!) {
            createResource(input: $input) {
              id
            }
          }
        `,
        { input: { type: 'CORPUS', name: `Mirror bench ${round} ${Date.now()}` } },
        options.ownerToken,
      );
      const input = { userId, action: 'read', resourceId: corpus.createResource.id };
      const grant = { resourceId: corpus.createResource.id, subject: { userId } };
      await graphql(
        options.url,
        `
          mutation ($input: GrantAccessInput!) {
            grantAccess(input: $input) {
              id
            }
          }
        `,
        { input: { ...grant, level: 'VIEWER' } },
        options.ownerToken,
      );
      // The mirror has the grant (it waits for the stream up to waitMs).
      const seen = await mirror.check(input, await client.currentRevision());
      if (!seen.allowed) throw new Error('the mirror did not see the grant');
      await graphql(
        options.url,
        `
          mutation ($input: RevokeAccessInput!) {
            revokeAccess(input: $input)
          }
        `,
        { input: grant },
        options.ownerToken,
      );
      const revoked = performance.now();
      // Asked without the revoke's token: answered from what the stream has brought so far.
      while ((await mirror.check(input, mirror.revision)).allowed) {
        if (performance.now() - revoked > 10_000) throw new Error('the mirror did not deny within 10 s');
        await new Promise((resolve) => setImmediate(resolve));
      }
      delays.push(performance.now() - revoked);
    }
    delays.sort((a, b) => a - b);
    return {
      users: options.userIds.length,
      startSeconds: Number(startSeconds.toFixed(2)),
      checksPerSecond: Math.round(checksPerSecond),
      answeredInProcess: Number((inProcess / checks).toFixed(3)),
      revokeToDenyP50Ms: Number(delays[Math.floor(delays.length / 2)]!.toFixed(1)),
      revokeToDenyMaxMs: Number(delays.at(-1)!.toFixed(1)),
      rounds: options.rounds,
    };
  } finally {
    await mirror.close();
  }
}
