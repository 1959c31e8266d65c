import { act, renderHook } from '@testing-library/react';
import { useServerSearch, type SearchOption } from '../src/components/serverSearch';

const JUN: SearchOption = { value: 'u1', label: 'Jun Doe (jun@example.com)' };
const MIA: SearchOption = { value: 'u2', label: 'Mia Chen (mia@example.com)' };

describe('useServerSearch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function settle() {
    act(() => void jest.advanceTimersByTime(250));
  }

  it('does not search for the chosen option’s label, which the Select shows in its search box', () => {
    const { result } = renderHook(() => useServerSearch('u1'));
    act(() => result.current.selectProps([JUN, MIA]).onSearchChange(JUN.label));
    settle();
    expect(result.current.search).toBeNull();
  });

  it('searches for what is typed, debounced', () => {
    const { result } = renderHook(() => useServerSearch('u1'));
    act(() => result.current.selectProps([JUN, MIA]).onSearchChange('mi'));
    expect(result.current.search).toBeNull();
    settle();
    expect(result.current.search).toBe('mi');
  });

  it('keeps the chosen option among the options when a search does not find it', () => {
    const { result } = renderHook(() => useServerSearch('u1'));
    expect(result.current.selectProps([JUN, MIA]).data).toEqual([JUN, MIA]);
    expect(result.current.selectProps([MIA]).data).toEqual([JUN, MIA]);
  });

  it('keeps nothing once nothing is chosen', () => {
    const { result, rerender } = renderHook(({ value }) => useServerSearch(value), { initialProps: { value: 'u1' as string | null } });
    result.current.selectProps([JUN, MIA]);
    rerender({ value: null });
    expect(result.current.selectProps([MIA]).data).toEqual([MIA]);
  });
});
