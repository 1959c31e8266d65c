import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8 keeps the garbage of a busy period (the rows read to load a snapshot, a
 * burst of requests) in memory until it next needs room, and Node never tells
 * it the process has gone idle, so a server that has loaded its snapshots or
 * served a burst keeps that memory for as long as it stays quiet. This
 * returns it: one full collection once the snapshots are loaded, and one
 * whenever the server has been idle for a whole interval after the heap grew.
 */

/** Heap growth since the last collection that makes an idle interval worth one (bytes), at least. */
export const GROWTH_WORTH_COLLECTING = 16 * 1024 * 1024;

/**
 * ... and at least this share of the heap as the last collection left it: a
 * full collection stops the server for a time that grows with the heap
 * (~100 ms at the reference organization's, ~570 ms at ten times it), which
 * a request arriving then waits out, so a large heap must have grown by more
 * to be worth it.
 */
export const GROWTH_SHARE_WORTH_COLLECTING = 0.25;

/** The growth that makes an idle interval worth a collection, for a heap the last collection left at `heapAfterLast` bytes. */
export function growthWorthCollecting(heapAfterLast: number): number {
  return Math.max(GROWTH_WORTH_COLLECTING, heapAfterLast * GROWTH_SHARE_WORTH_COLLECTING);
}

/** How long without a request counts as idle. */
export const IDLE_INTERVAL_MS = 5_000;

/** V8's full collection, reached without starting node with --expose-gc (as jest's --logHeapUsage reaches it). */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return collect;
}

export interface HeapCompactionParts {
  /** Runs one full collection. */
  readonly collect: () => void;
  /** The heap's committed size now (bytes). */
  readonly heapBytes: () => number;
  /** Requests received so far (any monotonic count of activity). */
  readonly activity: () => number;
  /** Gives the system back what malloc holds free (app/freedPages.ts), after the collections; absent where it cannot. */
  readonly returnFreedPages?: () => void;
}

export const nodeHeapBytes = (): number => v8.getHeapStatistics().total_heap_size;

/**
 * Decides, once per interval, whether the server is idle and its heap grown
 * enough since the last collection to collect now; `tick` is the whole
 * decision, so tests drive it without timers.
 */
export class HeapCompaction {
  private seenActivity: number;
  private heapAfterLast: number;
  /** A collection made while busy (loading) is repeated once idle: only then does V8 also shrink its young generation. */
  private repeatWhenIdle = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly parts: HeapCompactionParts) {
    this.seenActivity = parts.activity();
    this.heapAfterLast = parts.heapBytes();
  }

  /** Collects now (after loading the snapshots, before saying ready), and again at the first idle interval. Returns the duration in ms. */
  collectNow(): number {
    const started = performance.now();
    this.collect();
    this.repeatWhenIdle = true;
    return performance.now() - started;
  }

  /** One interval's decision: collects when nothing arrived during it and the heap grew since the last collection (or that one was made while busy). */
  tick(): boolean {
    const activity = this.parts.activity();
    if (activity !== this.seenActivity) {
      this.seenActivity = activity;
      return false;
    }
    const grown = this.parts.heapBytes() - this.heapAfterLast >= growthWorthCollecting(this.heapAfterLast);
    if (!grown && !this.repeatWhenIdle) return false;
    this.collect();
    this.repeatWhenIdle = false;
    return true;
  }

  /**
   * Two full collections: the pages the first one frees are returned to the
   * system by the second. Then what malloc holds free outside the heap
   * (buffers, other threads' allocations) goes back too.
   */
  private collect(): void {
    this.parts.collect();
    this.parts.collect();
    this.parts.returnFreedPages?.();
    this.heapAfterLast = this.parts.heapBytes();
  }

  start(intervalMs = IDLE_INTERVAL_MS): void {
    this.timer ??= setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
