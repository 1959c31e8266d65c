import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * The HTTP server for an Express app, whose requests and responses are born
 * with the app's own prototypes (`app.request`, `app.response`).
 *
 * Express gives every request and response those prototypes with
 * `Object.setPrototypeOf` as it starts handling them. On objects Node has
 * already built, V8 then keeps each request's and response's objects (and
 * what they hold: closures, buffers, the GraphQL context) through young
 * collections until the next full one: measured with `--trace-gc-nvp`, every
 * young collection copied ~1.3 MB of finished requests (~12 KB each) into
 * the old generation and paused the server 5-8 ms, where a bare Node server
 * copies nothing. Built with those prototypes already, Express's
 * `setPrototypeOf` changes nothing and the requests die young: a bare Express
 * app's young collections then copy nothing, Rolegraph's ~0.2 MB (Apollo
 * Server's own request pipeline keeps about that much, with or without HTTP).
 */
export function createExpressServer(app: Express): Server {
  return createServer(
    {
      IncomingMessage: withPrototype<typeof IncomingMessage>(IncomingMessage, app.request),
      ServerResponse: withPrototype<typeof ServerResponse>(ServerResponse, app.response),
    },
    app,
  );
}

/**
 * A constructor that builds what `base` builds, with `prototype` (which must
 * inherit from base's) as the prototype. It runs base on the new object as
 * Node's own subclasses of these do (`IncomingMessage.call(this, …)`): built
 * with `Reflect.construct` instead, the objects were still kept through young
 * collections (~0.8 MB a collection in the same measurement). Node's
 * IncomingMessage and ServerResponse are plain constructor functions; were
 * one a class (which cannot be called so), the server is built with Node's
 * own and Express sets the prototypes as before.
 */
function withPrototype<C extends abstract new (...args: never[]) => object>(base: C, prototype: object): C {
  if (!(prototype instanceof base)) throw new TypeError(`withPrototype: the prototype does not inherit from ${base.name}`);
  if (/^class\b/.test(Function.prototype.toString.call(base))) return base;
  function Built(this: object, ...args: unknown[]): void {
    Reflect.apply(base, this, args);
  }
  Built.prototype = prototype;
  return Built as unknown as C;
}
