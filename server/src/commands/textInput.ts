import { BadUserInputError } from '../errors';

/**
 * What people type that others will read — names, descriptions, reasons —
 * is text that displays as it is stored. Refused wherever such text comes in:
 * control characters (C0 and C1; a name is one line, so no line break or tab
 * either, while longer text may break lines), the Unicode line and paragraph
 * separators in a name, and the controls that reorder how text is shown
 * (embeddings, overrides, isolates: U+202A–U+202E, U+2066–U+2069), with which
 * a name stored as one thing is displayed as another — a member who appears
 * as "Admin", a file name that reads backwards.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** The text-direction controls alone (in both sets above). */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
const LINE_BREAK = /[\n\r\u2028\u2029]/u;

/** How text is shaped: one line (names, emails), or lines (descriptions, reasons). */
export type TextShape = 'line' | 'lines';

/** The first character `text` may not hold as `shape`, described for a person ("U+202E, an invisible text-direction control"); null when none. */
export function unreadableCharacter(text: string, shape: TextShape): string | null {
  return firstUnreadable(text, shape)?.description ?? null;
}

/** The first character `text` may not hold as `shape`: its description, and whether it breaks the line. */
function firstUnreadable(text: string, shape: TextShape): { description: string; breaksLine: boolean } | null {
  const found = (shape === 'line' ? IN_A_LINE : IN_TEXT).exec(text);
  if (!found) return null;
  const character = found[0];
  const breaksLine = LINE_BREAK.test(character);
  const kind = breaksLine
    ? 'a line break'
    : character === '\t'
      ? 'a tab'
      : DIRECTION_CONTROL.test(character)
        ? 'an invisible text-direction control'
        : 'an invisible control character';
  const code = character.codePointAt(0)!;
  return { description: `U+${code.toString(16).toUpperCase().padStart(4, '0')}, ${kind}`, breaksLine };
}

/** BAD_USER_INPUT when `text` holds a character it may not hold as `shape`; `what` names the text ("a team name"). */
export function assertReadable(text: string, shape: TextShape, field: string, what: string): void {
  const found = firstUnreadable(text, shape);
  if (!found) return;
  const subject = what.replace(/^(a|an) /, 'the ');
  const fix = found.breaksLine ? 'keep it to one line' : 'type it again without it';
  throw new BadUserInputError(`${subject.charAt(0).toUpperCase()}${subject.slice(1)} contains ${found.description}: ${fix}.`, field);
}

/** Where a text goes and how it is named in messages ("a team name"). */
export interface TextRule {
  readonly field: string;
  readonly what: string;
  readonly max: number;
}

/** A required one-line text (a name), trimmed: BAD_USER_INPUT when empty, too long or holding a character above. */
export function requiredLine(raw: string, rule: TextRule): string {
  const text = raw.trim();
  if (!text) throw new BadUserInputError(`Enter ${rule.what}.`, rule.field);
  if (text.length > rule.max) throw new BadUserInputError(`Keep ${rule.what} to ${rule.max} characters.`, rule.field);
  assertReadable(text, 'line', rule.field, rule.what);
  return text;
}

/** An optional text of one or more lines (a description, a reason), trimmed; '' when absent. */
export function optionalLines(raw: string | null | undefined, rule: TextRule): string {
  const text = (raw ?? '').trim();
  if (text.length > rule.max) throw new BadUserInputError(`Keep ${rule.what} to ${rule.max} characters.`, rule.field);
  assertReadable(text, 'lines', rule.field, rule.what);
  return text;
}

const EVERY_DIRECTION_CONTROL = new RegExp(DIRECTION_CONTROL.source, 'gu');
const EVERY_UNREADABLE_IN_A_LINE = new RegExp(IN_A_LINE.source, 'gu');

/**
 * A one-line text from elsewhere that is not ours to refuse (an identity
 * provider's name claim): text-direction controls dropped, line breaks, tabs
 * and other control characters made spaces, runs of white space one space,
 * trimmed and cut to `max`; '' when nothing is left.
 */
export function readableLine(raw: string, max: number): string {
  return (
    raw
      .replace(EVERY_DIRECTION_CONTROL, '')
      .replace(EVERY_UNREADABLE_IN_A_LINE, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
      .slice(0, max)
      // The cut leaves no half of a character written as two UTF-16 units.
      .replace(/[\ud800-\udbff]$/u, '')
      .trim()
  );
}
