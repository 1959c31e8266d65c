import { BadUserInputError } from '../errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A trimmed, plausible email address, or a BAD_USER_INPUT error. */
export function assertEmail(raw: string, field = 'email'): string {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw new BadUserInputError(`"${raw}" is not a valid email address.`, field);
  return email;
}

/** A trimmed name of 1-100 characters, or a BAD_USER_INPUT error. */
export function assertDisplayName(raw: string, field = 'name', what = 'a name'): string {
  const name = raw.trim();
  if (name.length === 0) throw new BadUserInputError(`Enter ${what}.`, field);
  if (name.length > 100) throw new BadUserInputError(`Keep ${what} to 100 characters.`, field);
  return name;
}
