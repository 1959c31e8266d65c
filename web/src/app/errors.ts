import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** The code (`extensions.code`) and message of an Apollo error, for showing and branching. */
export function describeError(error: unknown): { code: string | null; message: string } {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return { code: (first?.extensions?.code as string | undefined) ?? null, message: first?.message ?? error.message };
  }
  if (error instanceof Error) return { code: null, message: error.message };
  return { code: null, message: 'Something went wrong.' };
}
