import { fullCollection, GROWTH_WORTH_COLLECTING, growthWorthCollecting, HeapCompaction } from '../../../src/app/heapCompaction';

const MB = 1024 * 1024;

/**
 * A heap whose size the test sets, a request counter, and the order of full collections (each brings the heap back
 * to `base`) and returns of freed pages.
 */
function fakeServer(base = 100 * MB) {
  const state = { heap: base, requests: 0, collections: 0, steps: [] as string[] };
  const compaction = new HeapCompaction({
    collect: () => {
      state.collections++;
      state.steps.push('collect');
      state.heap = base;
    },
    heapBytes: () => state.heap,
    activity: () => state.requests,
    returnFreedPages: () => void state.steps.push('return freed pages'),
  });
  return { state, compaction };
}

describe('HeapCompaction', () => {
  it('collects after start-up, and once more at the first idle interval, then not again while nothing grows', () => {
    const { state, compaction } = fakeServer();
    compaction.collectNow();
    expect(state.collections).toBe(2);
    expect(compaction.tick()).toBe(true);
    expect(compaction.tick()).toBe(false);
    expect(compaction.tick()).toBe(false);
    expect(state.collections).toBe(4);
  });

  it('never collects during an interval in which requests arrived, however much the heap grew', () => {
    const { state, compaction } = fakeServer();
    for (let i = 0; i < 5; i++) {
      state.requests += 10;
      state.heap += 100 * MB;
      expect(compaction.tick()).toBe(false);
    }
    expect(state.collections).toBe(0);
  });

  it('collects at the first idle interval after a burst that grew the heap, and only then', () => {
    const { state, compaction } = fakeServer();
    state.requests += 500;
    state.heap += growthWorthCollecting(state.heap);
    expect(compaction.tick()).toBe(false);
    expect(compaction.tick()).toBe(true);
    expect(compaction.tick()).toBe(false);
    expect(state.collections).toBe(2);
  });

  it('leaves an idle server alone when a few requests grew the heap by less than is worth a collection', () => {
    const { state, compaction } = fakeServer();
    state.requests += 1;
    state.heap += growthWorthCollecting(state.heap) - 1;
    compaction.tick();
    expect(compaction.tick()).toBe(false);
    expect(state.collections).toBe(0);
  });

  it('asks a large heap to have grown by a quarter before an idle collection, a small one by 16 MB', () => {
    expect(growthWorthCollecting(40 * MB)).toBe(GROWTH_WORTH_COLLECTING);
    expect(growthWorthCollecting(1024 * MB)).toBe(256 * MB);
    const { state, compaction } = fakeServer(1024 * MB);
    state.requests += 500;
    state.heap += 200 * MB;
    compaction.tick();
    expect(compaction.tick()).toBe(false);
    state.requests += 500;
    state.heap += 56 * MB;
    compaction.tick();
    expect(compaction.tick()).toBe(true);
    expect(state.collections).toBe(2);
  });

  it('gives freed pages back after the collections, each time it collects', () => {
    const { state, compaction } = fakeServer();
    compaction.collectNow();
    compaction.tick();
    state.requests += 500;
    state.heap += growthWorthCollecting(state.heap);
    compaction.tick();
    compaction.tick();
    const once = ['collect', 'collect', 'return freed pages'];
    expect(state.steps).toEqual([...once, ...once, ...once]);
  });

  it('reaches V8’s own full collection without --expose-gc: an object nothing refers to is gone after it', async () => {
    const collect = fullCollection();
    const unreferenced = new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => `row ${i}`) });
    // A weak reference holds its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    expect(unreferenced.deref()).toBeUndefined();
  });
});
