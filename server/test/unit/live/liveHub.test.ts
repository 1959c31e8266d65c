import pino from 'pino';
import { LiveHub, type Delivery } from '../../../src/live/liveHub';
import { createInProcessEventBus } from '../../../src/live/eventBus';
import type { AccessGraphSource } from '../../../src/access/requestAccess';
import { snapshotOf } from '../access/orgBuilder';

const ORG = 'org-1';
const logger = pino({ level: 'silent' });
const graph = snapshotOf({ members: [], teams: [], resources: [], grants: [] });

/** A graph source whose revision reads wait until the test lets them through. */
function heldSource(): { source: AccessGraphSource; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const source: AccessGraphSource = {
    graphAt: async () => graph,
    graphAtRevision: async () => ({ graph, revision: '2' }),
    graphInMemory: () => null,
    currentRevision: async () => {
      await held;
      return '2';
    },
  };
  return { source, release };
}

describe('the live hub when the server stops', () => {
  it('waits for an event being delivered before the database may close', async () => {
    const bus = createInProcessEventBus(logger);
    const { source, release } = heldSource();
    const hub = new LiveHub(bus, source, logger);
    hub.start();
    const delivered: Delivery[] = [];
    hub.listen(ORG, (delivery) => delivered.push(delivery));
    bus.publish({ type: 'accessChangesLogged', organizationId: ORG, revision: '2' });
    let stopped = false;
    const stopping = hub.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(delivered.map((d) => d.event.type)).toEqual(['accessChangesLogged']);
    // Stopped: later events are not taken.
    bus.publish({ type: 'accessChangesLogged', organizationId: ORG, revision: '3' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered).toHaveLength(1);
  });

  it('stops after its wait even when a delivery never finishes', async () => {
    const bus = createInProcessEventBus(logger);
    const { source } = heldSource();
    const hub = new LiveHub(bus, source, logger);
    hub.start();
    hub.listen(ORG, () => undefined);
    bus.publish({ type: 'accessChangesLogged', organizationId: ORG, revision: '2' });
    await expect(hub.stop(30)).resolves.toBeUndefined();
  });
});

describe('the live hub when an organization is deleted', () => {
  it('closes every socket acting in it, people’s and keys’, and reads nothing of it', async () => {
    const bus = createInProcessEventBus(logger);
    let revisionReads = 0;
    const source: AccessGraphSource = {
      graphAt: async () => graph,
      graphAtRevision: async () => ({ graph, revision: '2' }),
      graphInMemory: () => null,
      currentRevision: async () => {
        revisionReads++;
        return '2';
      },
    };
    const hub = new LiveHub(bus, source, logger);
    hub.start();
    const closed: [string, number][] = [];
    const socket = (name: string) => ({ close: (code: number) => closed.push([name, code]) });
    hub.registerSocket({ sessionId: 's-1', apiKeyId: null, organizationId: ORG, accountId: 'jo' }, socket('jo'));
    hub.registerSocket({ sessionId: null, apiKeyId: 'k-1', organizationId: ORG, accountId: null }, socket('key'));
    hub.registerSocket({ sessionId: 's-2', apiKeyId: null, organizationId: 'org-2', accountId: 'jo' }, socket('jo elsewhere'));
    const delivered: Delivery[] = [];
    hub.listen(ORG, (delivery) => delivered.push(delivery));
    bus.publish({ type: 'organizationDeleted', organizationId: ORG });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toEqual([
      ['jo', 4403],
      ['key', 4403],
    ]);
    expect(delivered).toEqual([]);
    expect(revisionReads).toBe(0);
    await hub.stop();
  });
});
