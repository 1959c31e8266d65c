import { focusTargetAfterRemoval } from '../src/components/focusAfterRemoval';

describe('focusTargetAfterRemoval', () => {
  it('moves the focus to the row that came after the removed one', () => {
    expect(focusTargetAfterRemoval(['a', 'b', 'c'], 'b', ['a', 'c'])).toBe('c');
  });

  it('skips rows after it that went too, then takes the nearest row before it', () => {
    expect(focusTargetAfterRemoval(['a', 'b', 'c', 'd'], 'b', ['a', 'd'])).toBe('d');
    expect(focusTargetAfterRemoval(['a', 'b', 'c'], 'c', ['a', 'b'])).toBe('b');
    expect(focusTargetAfterRemoval(['a', 'b', 'c'], 'c', ['a'])).toBe('a');
  });

  it('leaves it to the heading when no row is left', () => {
    expect(focusTargetAfterRemoval(['a'], 'a', [])).toBeNull();
    expect(focusTargetAfterRemoval(['a', 'b'], 'b', ['x'])).toBeNull();
  });

  it('takes the first row still there when the removed row was never shown', () => {
    expect(focusTargetAfterRemoval(['a', 'b'], 'z', ['b'])).toBe('b');
  });
});
