import { BadUserInputError } from '../errors';
import { assertReadable, requiredLine, TEXT_LIMITS } from '../commands/textInput';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The longest email address (RFC 5321's path limit). */
export const MAX_EMAIL = 254;

/** A trimmed, plausible email address, or a BAD_USER_INPUT error. */
export function assertEmail(raw: string, field = 'email'): string {
  const email = raw.trim();
  assertReadable(email, 'line', field, 'the email address');
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) throw new BadUserInputError(`"${raw}" is not a valid email address.`, field);
  return email;
}

/** A person's (or an organization's, or a key's) name: one line of 1-100 characters (commands/textInput.ts), trimmed. */
export function assertDisplayName(raw: string, field = 'name', what = 'a name'): string {
  return requiredLine(raw, { field, what, max: TEXT_LIMITS.displayName });
}
