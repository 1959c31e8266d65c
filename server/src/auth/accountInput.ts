import { BadUserInputError } from '../errors';
import { TEXT_LIMITS } from '@rolegraph/shared';
import { assertReadable, requiredLine } from '../commands/textInput';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A trimmed, plausible email address, or a BAD_USER_INPUT error. */
export function assertEmail(raw: string, field = 'email'): string {
  const email = raw.trim();
  assertReadable(email, 'line', field, 'the email address');
  if (email.length > TEXT_LIMITS.email || !EMAIL.test(email)) throw new BadUserInputError(`"${raw}" is not a valid email address.`, field);
  return email;
}

/** A person's (or an organization's, or a key's) name: one line of 1 to TEXT_LIMITS.displayName characters, trimmed. */
export function assertDisplayName(raw: string, field = 'name', what = 'a name'): string {
  return requiredLine(raw, { field, what, max: TEXT_LIMITS.displayName });
}
