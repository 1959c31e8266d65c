import { leadingAndTrailing } from '../src/app/useLiveRefetch';

describe('leadingAndTrailing: live events refetch at once, then at most once a wait', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the first call at once and a burst of calls once more when the wait ends', () => {
    const run = jest.fn();
    const refetch = leadingAndTrailing(run, 500);
    refetch.call();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 499; i++) refetch.call();
    expect(run).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(2);
    // Nothing came during that second wait: no third run, and the next call runs at once.
    jest.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(2);
    refetch.call();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('keeps events coming over several waits at one run per wait, the last call included', () => {
    const run = jest.fn();
    const refetch = leadingAndTrailing(run, 500);
    for (let ms = 0; ms < 2000; ms += 50) {
      refetch.call();
      jest.advanceTimersByTime(50);
    }
    // At once, then at 500, 1000, 1500 and 2000 ms (the calls of the last wait).
    jest.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('runs nothing after cancel (the page is gone)', () => {
    const run = jest.fn();
    const refetch = leadingAndTrailing(run, 500);
    refetch.call();
    refetch.call();
    refetch.cancel();
    jest.advanceTimersByTime(2000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
