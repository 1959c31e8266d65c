import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ok } from '../support/testServer';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { liveClient } from '../support/liveClient';

/**
 * The server runs for days, idle or busy, in both database modes. The built
 * server runs as its own process, idles longer than every pool and
 * connection timeout (the pool closes idle connections after 10 s; nothing
 * closes sooner), then serves over HTTP and WebSocket; with PostgreSQL the
 * database server also closes the server's connections while it is idle, as
 * a restart or a network cut would. Then it restarts and finds its data.
 */
const IDLE_MS = 12_000;
const PASSWORD = 'correct horse battery';
const CREDENTIALS = 'postgres://svc:idle-secret@warehouse/sales';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { acceptUrl } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token account { id } } }`;
const CREATE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;
const GRANT = `mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`;
const CHECK = `query($input: CheckPermissionInput!) { checkPermission(input: $input) { allowed level } }`;
const CREDENTIALS_OF = `query($id: ID!) { resource(id: $id) { ... on Connection { credentials } } }`;
const NOTIFICATIONS = `subscription { notificationAdded { message } }`;

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Mode {
  readonly name: string;
  env(): Record<string, string>;
  /** While the server idles: what a database server or network may do to its connections. */
  duringIdle?(): Promise<void>;
  dispose(): void;
}

function embeddedMode(): Mode {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rolegraph-idle-'));
  return {
    name: 'embedded database in a folder',
    // No ROLEGRAPH_SECRET_KEY: the key is generated into the folder, as with `npm start`.
    env: () => ({ DATABASE_URL: '', REDIS_URL: '', ROLEGRAPH_SECRET_KEY: '', ROLEGRAPH_DATA_DIR: path.join(root, 'data') }),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

function postgresMode(databaseUrl: string): Mode {
  const applicationName = `rolegraph-idle-${randomUUID().slice(0, 8)}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return {
    name: 'PostgreSQL',
    env: () => ({ DATABASE_URL: url.toString(), REDIS_URL: '' }),
    async duringIdle() {
      const admin = new Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        const { rows } = await admin.query(`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
    },
    dispose: () => undefined,
  };
}

const modes: (() => Mode)[] = [embeddedMode];
if (process.env.DATABASE_URL) modes.push(() => postgresMode(process.env.DATABASE_URL!));

describe.each(modes.map((make) => [make().name, make] as const))('%s', (_name, make) => {
  const mode = make();
  let server: ServerProcess;
  let owner: string;
  let jo: { id: string; token: string };
  let connectionId: string;

  async function shareCorpusWithJo(s: ServerProcess, name: string): Promise<string> {
    const corpus = ok(await s.gql(CREATE, { input: { type: 'CORPUS', name } }, owner)).createResource.id;
    ok(await s.gql(GRANT, { input: { resourceId: corpus, subject: { userId: jo.id }, level: 'VIEWER' } }, owner));
    return corpus;
  }

  /** Everything a request touches: authentication (the prepared statements), the evaluator, a secret, a write. */
  async function serves(s: ServerProcess, corpus: string): Promise<void> {
    expect(ok(await s.gql(CHECK, { input: { userId: jo.id, action: 'read', resourceId: corpus } }, owner)).checkPermission).toEqual({
      allowed: true,
      level: 'VIEWER',
    });
    expect(ok(await s.gql(`{ me { role } }`, {}, jo.token)).me.role).toBe('USER');
    expect(ok(await s.gql(CREDENTIALS_OF, { id: connectionId }, owner)).resource.credentials).toBe(CREDENTIALS);
  }

  beforeAll(async () => {
    server = await startServerProcess(mode.env());
    const email = `owner-${randomUUID().slice(0, 8)}@example.test`;
    owner = ok(await server.gql(SIGN_UP, { input: { email, password: PASSWORD, name: 'Hana', organizationName: 'Idle' } })).signUp.token;
    const invite = ok(await server.gql(INVITE, { input: { email: `jo-${randomUUID().slice(0, 8)}@example.test`, role: 'USER' } }, owner));
    const token = decodeURIComponent(/#token=(.+)$/.exec(invite.inviteMember.acceptUrl)![1]!);
    const accepted = ok(await server.gql(ACCEPT, { input: { token, name: 'Jo', password: PASSWORD } }));
    jo = { id: accepted.acceptInvitation.account.id, token: accepted.acceptInvitation.token };
    connectionId = ok(await server.gql(CREATE, { input: { type: 'CONNECTION', name: 'Warehouse', credentials: CREDENTIALS } }, owner)).createResource.id;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    mode.dispose();
  });

  it('after idling past every timeout it answers over HTTP and WebSocket, then restarts and finds its data', async () => {
    const live = liveClient(server.url, jo.token);
    await live.connected();
    const open = live.subscribe<{ message: string }>(NOTIFICATIONS);
    try {
      await idle(IDLE_MS);
      let corpus = await shareCorpusWithJo(server, 'After idle');
      await serves(server, corpus);
      // The socket opened before the idle still delivers.
      expect((await open.next((n) => n.message.includes("'After idle'"), 10_000)).message).toBe("Hana shared Corpus 'After idle' with you as Viewer.");

      if (mode.duringIdle) {
        await idle(1_000);
        await mode.duringIdle();
        await idle(1_000);
        corpus = await shareCorpusWithJo(server, 'After the database closed');
        await serves(server, corpus);
        expect((await open.next((n) => n.message.includes("'After the database closed'"), 10_000)).message).toContain('with you as Viewer');
      }
    } finally {
      await live.dispose();
    }

    // A clean stop, and a restart on the same data.
    expect(await server.stop()).toBe(0);
    server = await startServerProcess(mode.env());
    const corpus = await shareCorpusWithJo(server, 'After restart');
    await serves(server, corpus);
    const fresh = liveClient(server.url, jo.token);
    try {
      await fresh.connected();
      const notifications = fresh.subscribe<{ message: string }>(NOTIFICATIONS);
      await idle(200);
      await shareCorpusWithJo(server, 'Live after restart');
      expect((await notifications.next(undefined, 10_000)).message).toBe("Hana shared Corpus 'Live after restart' with you as Viewer.");
    } finally {
      await fresh.dispose();
    }
  }, 120_000);
});

/** Every socket of a process, by inode, from /proc (Linux). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** The TCP ports a process listens on, and its listening Unix sockets. */
function listeningSockets(pid: number): { tcpPorts: number[]; unixSockets: string[] } {
  const inodes = socketInodes(pid);
  const tcpPorts: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT" in hex; state 0A is LISTEN; the inode is the 10th field.
      if (fields[3] === '0A' && inodes.has(fields[9]!)) tcpPorts.push(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  const unixSockets = fs
    .readFileSync('/proc/net/unix', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    // Flags 00010000: accepting connections (listening).
    .filter((fields) => fields[3] === '00010000' && inodes.has(fields[6]!))
    .map((fields) => fields[7] ?? '(unnamed)');
  return { tcpPorts, unixSockets };
}

const describeOnLinux = fs.existsSync('/proc/self/fd') ? describe : describe.skip;

describeOnLinux('the embedded database', () => {
  it('is reachable only by the server: the process listens on its HTTP port alone, on no Unix socket, and the data folder is private', async () => {
    const mode = embeddedMode();
    const server = await startServerProcess(mode.env());
    try {
      ok(await server.gql(SIGN_UP, { input: { email: 'hana@example.test', password: PASSWORD, name: 'Hana', organizationName: 'Private' } }));
      const httpPort = Number(new URL(server.url).port);
      expect(listeningSockets(server.pid)).toEqual({ tcpPorts: [httpPort], unixSockets: [] });
      const dataDir = mode.env().ROLEGRAPH_DATA_DIR!;
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      const sockets = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isSocket());
      expect(sockets).toEqual([]);
    } finally {
      await server.stop();
      mode.dispose();
    }
  }, 60_000);
});
