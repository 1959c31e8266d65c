import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A bare graphql-transport-ws server, run in its own process by
 * `measureLiveFloor`: it acknowledges every connection, remembers every
 * subscription, and on `POST /publish` sends each one an event shaped and
 * sized like Rolegraph's `myAccessChanged`, then answers. No database,
 * authorization or GraphQL execution: what is left is the sockets, the
 * kernel and the measuring client. Prints nothing; tells its parent the
 * port over IPC.
 */
const subscriptions = new Map<WebSocket, string[]>();
let revision = 1_000_000;

const server = http.createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/publish') {
    response.writeHead(404).end();
    return;
  }
  revision += 1;
  const payload = { data: { myAccessChanged: { reason: 'RESOURCE_STATUS_CHANGED', revision: String(revision) } } };
  for (const [socket, ids] of subscriptions) for (const id of ids) socket.send(JSON.stringify({ id, type: 'next', payload }));
  response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
});

const sockets = new WebSocketServer({ server, path: '/graphql' });
sockets.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type?: string; id?: string };
    if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
    else if (message.type === 'subscribe' && typeof message.id === 'string') subscriptions.set(socket, [...(subscriptions.get(socket) ?? []), message.id]);
  });
  socket.on('close', () => subscriptions.delete(socket));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
});
