import { BadUserInputError } from '../errors';

/**
 * A JSON object as stored in jsonb columns: any JSON value under each key.
 * (Values are typed `{} | null` rather than a recursive JSON type, which
 * TypeORM's deep-partial insert types cannot expand.)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- any non-null JSON value; see above
export type JsonObject = { [key: string]: {} | null };

/** A plain JSON object from client input (a JSON round trip drops anything JSON cannot hold). */
export function toJsonObject(value: Record<string, unknown>, field: string): JsonObject {
  const copy: unknown = JSON.parse(JSON.stringify(value));
  if (!copy || typeof copy !== 'object' || Array.isArray(copy)) throw new BadUserInputError(`${field} must be a JSON object.`, field);
  return copy as JsonObject;
}
