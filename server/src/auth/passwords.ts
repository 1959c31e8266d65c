import { hash, verify } from '@node-rs/argon2';
import { BadUserInputError } from '../errors';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** Rejects passwords outside the policy, with a message a person can act on, naming `field` (the input's own name for it). */
export function assertPasswordPolicy(password: string, field: 'password' | 'newPassword' = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadUserInputError(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`, field);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new BadUserInputError(`Passwords are limited to ${MAX_PASSWORD_LENGTH} characters.`, field);
  }
}

/** argon2id (the library default algorithm) with its recommended parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when an email is unknown so both paths take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}
