import type { DomainError } from '../errors';

/**
 * The answer of every rule: allowed, or refused with the error the caller
 * sees (its code and a sentence they can act on). Rules return verdicts;
 * `enforce` turns a refusal into the thrown error.
 */
export type Verdict = { readonly allowed: true } | { readonly allowed: false; readonly error: DomainError };

export const ALLOW: Verdict = { allowed: true };

export function deny(error: DomainError): Verdict {
  return { allowed: false, error };
}

/** Throws the verdict's error when it refuses. */
export function enforce(verdict: Verdict): void {
  if (!verdict.allowed) throw verdict.error;
}

/** The sentence explaining a refusal, or null when allowed (for the web app's disabled options). */
export function refusalReason(verdict: Verdict): string | null {
  return verdict.allowed ? null : verdict.error.message;
}
