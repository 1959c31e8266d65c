import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_LENGTH } from '@rolegraph/shared';
import { BadUserInputError } from '../errors';

/** Rejects passwords outside the policy, with a message a person can act on, naming `field` (the input's own name for it). */
export function assertPasswordPolicy(password: string, field: 'password' | 'newPassword' = 'password'): void {
  if (password.length < PASSWORD_LENGTH.min) {
    throw new BadUserInputError(`Choose a password of at least ${PASSWORD_LENGTH.min} characters.`, field);
  }
  if (password.length > PASSWORD_LENGTH.max) {
    throw new BadUserInputError(`Passwords are limited to ${PASSWORD_LENGTH.max} characters.`, field);
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
