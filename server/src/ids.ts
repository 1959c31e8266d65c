import { NotFoundError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids that are not even well-formed are answered like missing ones. */
export function assertId(value: string, what: string): string {
  if (!isUuid(value)) throw new NotFoundError(what, value);
  return value.toLowerCase();
}
