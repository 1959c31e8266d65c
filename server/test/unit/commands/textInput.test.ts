import { optionalLines, readableLine, requiredLine, unreadableCharacter } from '../../../src/commands/textInput';

const NAME = { field: 'name', what: 'a team name', max: 20 };

describe('unreadableCharacter', () => {
  it.each([
    ['Admin\u202Enimda', 'U+202E, an invisible text-direction control'],
    ['\u2066Data\u2069', 'U+2066, an invisible text-direction control'],
    ['left\u202Aembedded', 'U+202A, an invisible text-direction control'],
    ['two\nlines', 'U+000A, a line break'],
    ['carriage\rreturn', 'U+000D, a line break'],
    ['line\u2028separator', 'U+2028, a line break'],
    ['tab\there', 'U+0009, a tab'],
    ['bell\u0007', 'U+0007, an invisible control character'],
    ['escape\u001b[31mred', 'U+001B, an invisible control character'],
    ['delete\u007f', 'U+007F, an invisible control character'],
    ['next line\u0085', 'U+0085, an invisible control character'],
    ['nul\u0000', 'U+0000, an invisible control character'],
  ])('finds what a one-line name may not hold in %j', (text, found) => {
    expect(unreadableCharacter(text, 'line')).toBe(found);
  });

  it.each([
    'Jo Whitfield-Montgomery',
    'فريق البيانات',
    'צוות הנתונים',
    'שלום\u200F (RLM)', // a right-to-left mark orders neutral characters; it overrides nothing
    'Zoë, Ōsaka, Ærø',
    'e\u0301 combining accent',
    'Dev 👩\u200D💻 team',
    '🇳🇴 flags',
    '',
  ])('lets a name be written in any script: %j', (text) => {
    expect(unreadableCharacter(text, 'line')).toBeNull();
  });

  it('lets longer text break lines and nothing more', () => {
    expect(unreadableCharacter('first line\nsecond line\r\nthird\tcolumn', 'lines')).toBeNull();
    expect(unreadableCharacter('first line\u2028second', 'lines')).toBeNull();
    expect(unreadableCharacter('notes\u202Ereversed', 'lines')).toBe('U+202E, an invisible text-direction control');
    expect(unreadableCharacter('form\u000Cfeed', 'lines')).toBe('U+000C, an invisible control character');
  });
});

describe('requiredLine and optionalLines', () => {
  it('trims, and refuses empty, too long and unreadable text with BAD_USER_INPUT on the field', () => {
    expect(requiredLine('  Data  ', NAME)).toBe('Data');
    expect(() => requiredLine('   ', NAME)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: 'Enter a team name.', details: { field: 'name' } }),
    );
    expect(() => requiredLine('x'.repeat(21), NAME)).toThrow(expect.objectContaining({ message: 'Keep a team name to 20 characters.' }));
    expect(() => requiredLine('Data\u202E', NAME)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        message: 'The team name contains U+202E, an invisible text-direction control: type it again without it.',
        details: { field: 'name' },
      }),
    );
    expect(() => requiredLine('Da\nta', NAME)).toThrow(
      expect.objectContaining({ message: 'The team name contains U+000A, a line break: keep it to one line.' }),
    );
  });

  it('takes an absent description as empty and keeps its line breaks', () => {
    const rule = { field: 'description', what: 'a description', max: 50 };
    expect(optionalLines(undefined, rule)).toBe('');
    expect(optionalLines(null, rule)).toBe('');
    expect(optionalLines(' one\ntwo ', rule)).toBe('one\ntwo');
    expect(() => optionalLines('one\u2067two', rule)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'description' } }));
  });
});

describe('readableLine (a name from an identity provider)', () => {
  it('drops what it may not hold instead of refusing, and makes one line of it', () => {
    expect(readableLine('  Ann\u202E Lee\n(Finance)\t ', 100)).toBe('Ann Lee (Finance)');
    expect(readableLine('Da\u2066na\u2069 Lee', 100)).toBe('Dana Lee');
    expect(readableLine('\u202E\u0007\n', 100)).toBe('');
  });

  it('cuts to the limit without leaving half a character', () => {
    expect(readableLine('abcdefghij', 4)).toBe('abcd');
    const cut = readableLine(`${'a'.repeat(3)}😀tail`, 4); // the emoji is two UTF-16 units: the cut falls inside it
    expect(cut).toBe('aaa');
    expect(readableLine(`${'a'.repeat(3)}😀tail`, 5)).toBe('aaa😀');
  });
});
