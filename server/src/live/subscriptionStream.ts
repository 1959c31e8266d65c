import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import type { Delivery, LiveHub } from './liveHub';

/** Payloads a slow subscriber may have waiting; past that the oldest are dropped. */
const BUFFER = 1000;

/**
 * The stream of one subscription: every delivery of its organization goes
 * through `select`, which re-authorizes the subscriber against the
 * delivery's access graph and returns the payload to send, or null to send
 * nothing. Most selects answer synchronously; one that must load something
 * returns a promise, and later deliveries wait for it, so order is kept.
 */
export function subscriptionStream<T>(
  hub: LiveHub,
  organizationId: string,
  select: (delivery: Delivery) => T | null | Promise<T | null>,
): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    let pending: Promise<void> | null = null;
    const fail = (error: unknown) => stop(error instanceof Error ? error : new Error(String(error)));
    const deliver = (payload: T | null) => {
      if (payload !== null) push(payload).catch(fail);
    };
    const off = hub.listen(organizationId, (delivery) => {
      if (pending === null) {
        const selected = select(delivery);
        if (!(selected instanceof Promise)) return deliver(selected);
        pending = selected.then(deliver);
      } else {
        pending = pending.then(() => select(delivery)).then(deliver);
      }
      const current: Promise<void> = pending.catch(fail).finally(() => {
        if (pending === current) pending = null;
      });
      pending = current;
    });
    await stop;
    off();
  }, new SlidingBuffer(BUFFER));
}
