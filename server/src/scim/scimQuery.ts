import { parse, Tester, type Compare, type Filter } from 'scim2-parse-filter';

type Value = Compare['compValue'];
import { ScimError } from './scimErrors';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** The largest page a list answers (ServiceProviderConfig's filter.maxResults). */
export const MAX_RESULTS = 200;
const MAX_FILTER_LENGTH = 1000;

/**
 * Comparison as SCIM's core attributes want it here: userName, emails and
 * displayName are not case-exact (RFC 7643), so strings compare without case.
 */
class CaseInsensitiveTester extends Tester {
  private static fold<T>(value: T): T {
    return (typeof value === 'string' ? value.toLowerCase() : value) as T;
  }
  override eq(r: unknown, v: Value): boolean {
    return super.eq(CaseInsensitiveTester.fold(r), CaseInsensitiveTester.fold(v));
  }
  override ne(r: unknown, v: Value): boolean {
    return super.ne(CaseInsensitiveTester.fold(r), CaseInsensitiveTester.fold(v));
  }
  override co(r: unknown, v: Value): boolean {
    return super.co(CaseInsensitiveTester.fold(r), CaseInsensitiveTester.fold(v));
  }
  override sw(r: unknown, v: Value): boolean {
    return super.sw(CaseInsensitiveTester.fold(r), CaseInsensitiveTester.fold(v));
  }
  override ew(r: unknown, v: Value): boolean {
    return super.ew(CaseInsensitiveTester.fold(r), CaseInsensitiveTester.fold(v));
  }
}

/** The `filter` parameter parsed, or a 400 invalidFilter that says what is wrong. */
export function parseScimFilter(raw: unknown): Filter | null {
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || raw.length > MAX_FILTER_LENGTH || raw.includes('\u0000')) {
    throw new ScimError(400, 'The filter must be one expression of at most 1000 characters.', 'invalidFilter');
  }
  try {
    return parse(raw);
  } catch (error) {
    throw new ScimError(400, `The filter is not valid SCIM filter syntax: ${(error as Error).message.slice(0, 200)}`, 'invalidFilter');
  }
}

/** The resources that match `filter` (all of them without one). */
export function applyScimFilter<T extends object>(resources: readonly T[], filter: Filter | null): T[] {
  if (!filter) return [...resources];
  const tester = new CaseInsensitiveTester();
  return resources.filter((r) => tester.test(r, filter));
}

function positiveInteger(raw: unknown, name: string, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const text = typeof raw === 'string' ? raw : '';
  if (!/^-?\d{1,9}$/.test(text)) throw new ScimError(400, `${name} must be an integer.`, 'invalidValue');
  return Math.max(min, Number(text));
}

/** A ListResponse page: startIndex is 1-based; count is capped at MAX_RESULTS (RFC 7644 section 3.4.2.4). */
export function listResponse<T>(all: readonly T[], query: { startIndex?: unknown; count?: unknown }): Record<string, unknown> {
  const startIndex = positiveInteger(query.startIndex, 'startIndex', 1, 1);
  const count = Math.min(positiveInteger(query.count, 'count', MAX_RESULTS, 0), MAX_RESULTS);
  const page = all.slice(startIndex - 1, startIndex - 1 + count);
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: all.length, startIndex, itemsPerPage: page.length, Resources: page };
}
