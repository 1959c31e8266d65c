import { Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../errors';
import { isUuid } from '../ids';
import type { CursorSeal } from './cursorSeal';

/** Largest page any list returns(lists have a maximum page size). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

@ObjectType({ description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** Checks a requested page size: 1..MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`"first" must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return first;
}

/** The lists that page with cursors; a cursor opens only for the list that made it. */
export type CursorList = 'resources' | 'members' | 'teams' | 'audit' | 'notifications' | 'accessRequests';

/** A cursor holding these sort keys, sealed (graphql/cursorSeal.ts): opaque to clients, and refused altered or from another list. */
export function encodeCursor(seal: CursorSeal, list: CursorList, keys: readonly string[]): string {
  return seal.seal(JSON.stringify(keys), list);
}

/** What one sort key of a cursor must be. */
export type CursorKey = 'text' | 'uuid' | 'timestamp' | 'serial';

const CURSOR_KEY_CHECKS: Record<CursorKey, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000'),
  uuid: (v) => typeof v === 'string' && isUuid(v),
  timestamp: (v) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)),
  serial: (v) => typeof v === 'string' && /^\d{1,18}$/.test(v),
};

/**
 * The sort keys of an `after` cursor this list returned, each checked
 * against its kind (a cursor is opened and checked before it reaches a
 * query, so a tampered or foreign one is a clear BAD_USER_INPUT, never a
 * database error).
 */
export function decodeCursor<const K extends readonly CursorKey[]>(
  seal: CursorSeal,
  list: CursorList,
  cursor: string | null | undefined,
  keys: K,
): { [I in keyof K]: string } | null {
  if (!cursor) return null;
  const text = cursor.length <= 4096 ? seal.open(cursor, list) : null;
  let decoded: unknown;
  try {
    decoded = text === null ? undefined : JSON.parse(text);
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === keys.length && keys.every((kind, i) => CURSOR_KEY_CHECKS[kind](decoded[i]))) {
    return decoded as { [I in keyof K]: string };
  }
  throw new BadUserInputError('The "after" cursor is not one this list returned.', 'after');
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Builds a page from up to `size + 1` fetched items (the extra one only
 * tells whether more follow). An edge's cursor is sealed only when asked
 * for: most clients read only `pageInfo.endCursor`.
 */
export function toPage<T>(fetched: readonly T[], size: number, cursorOf: (item: T) => string, totalCount: number): Page<T> {
  const items = fetched.slice(0, size);
  const edges = items.map((node) => ({
    node,
    get cursor() {
      return cursorOf(node);
    },
  }));
  const last = items.at(-1);
  return {
    edges,
    pageInfo: { hasNextPage: fetched.length > size, endCursor: last === undefined ? null : cursorOf(last) },
    totalCount,
  };
}

/**
 * A cursor connection type (`XConnection` with `XEdge`s) for an item type.
 */
export function ConnectionType<T extends object>(item: abstract new () => T, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => item, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to ask for them.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has, across pages.' })
    totalCount: number;
  }
  return Connection;
}
