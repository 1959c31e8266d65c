import { BREAK, GraphQLError, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLContext } from './context';

/**
 * PostgreSQL cannot store the NUL character, nor a lone half of a UTF-16
 * surrogate pair (JSON columns refuse it), and no name, email, id or
 * description needs either. A request carrying one anywhere — in its
 * document (also as a \u0000 escape in a literal), its variables or its
 * extensions — is refused as BAD_USER_INPUT before it runs, over HTTP and
 * over WebSocket alike, and nothing is written. So is JSON nested deeper
 * than MAX_INPUT_DEPTH.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string can be stored as text: well-formed Unicode without NUL. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * How deep a request's JSON may nest (objects and lists, the request body
 * itself counted): far deeper than any input of the schema, with room for a
 * resource's free-form attributes, and far from what would exhaust the stack
 * of the code that walks a value (the audit log's redaction, the policies'
 * keys). A body of a few kilobytes can otherwise nest thousands deep.
 */
export const MAX_INPUT_DEPTH = 64;

/** What is wrong with a request's JSON, and where ("variables.input.name"). */
export interface RefusedInput {
  readonly problem: 'UNSTORABLE_TEXT' | 'TOO_DEEP';
  readonly path: string;
}

/** The first string that cannot be stored, or the first value nested past MAX_INPUT_DEPTH, in a JSON value; or null. */
export function refusedInput(value: unknown): RefusedInput | null {
  const found = refusalSteps(value, 0);
  if (found === null) return null;
  const { steps } = found;
  let path = '';
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    path = typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step;
  }
  return { problem: found.problem, path: path || '(value)' };
}

/**
 * The steps to the first refused value, innermost first, or null. Every
 * request's variables pass through here, so a clean value (nearly all of
 * them) is walked without allocating anything.
 */
function refusalSteps(value: unknown, depth: number): { problem: RefusedInput['problem']; steps: (string | number)[] } | null {
  if (typeof value === 'string') return isStorableText(value) ? null : { problem: 'UNSTORABLE_TEXT', steps: [] };
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) return { problem: 'TOO_DEEP', steps: [] };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = refusalSteps(value[i], depth + 1);
      if (found) {
        found.steps.push(i);
        return found;
      }
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!isStorableText(key)) return { problem: 'UNSTORABLE_TEXT', steps: [key] };
    const found = refusalSteps((value as Record<string, unknown>)[key], depth + 1);
    if (found) {
      found.steps.push(key);
      return found;
    }
  }
  return null;
}

/**
 * What `refusedLiteral` found in each document it has walked. Apollo
 * hands every HTTP request of the same query the same parsed document from
 * its cache, so that document is walked once, not on every request (a walk
 * allocated ~9 KB, 7% of a whole `checkPermission` request). The WebSocket
 * server parses each operation anew: its documents are walked once each, as
 * before. An entry goes when its document is no longer held anywhere.
 */
const literalFindings = new WeakMap<DocumentNode, RefusedInput | null>();

/**
 * Where a parsed document holds a string literal that cannot be stored, or a
 * list or object literal nested past MAX_INPUT_DEPTH (values written inline
 * reach the same code as variables), or null.
 */
export function refusedLiteral(document: DocumentNode): RefusedInput | null {
  const known = literalFindings.get(document);
  if (known !== undefined) return known;
  const found = findRefusedLiteral(document);
  literalFindings.set(document, found);
  return found;
}

function findRefusedLiteral(document: DocumentNode): RefusedInput | null {
  let found: RefusedInput | null = null;
  let depth = 0;
  const at = (node: ASTNode) => `the literal at line ${node.loc?.startToken.line ?? '?'}`;
  const enter = (node: ASTNode) => {
    depth += 1;
    if (found === null && depth > MAX_INPUT_DEPTH) found = { problem: 'TOO_DEEP', path: at(node) };
    return found === null ? undefined : BREAK;
  };
  const leave = () => {
    depth -= 1;
  };
  visit(document, {
    StringValue(node) {
      if (!isStorableText(node.value)) {
        found = { problem: 'UNSTORABLE_TEXT', path: at(node) };
        return BREAK;
      }
      return undefined;
    },
    ListValue: { enter, leave },
    ObjectValue: { enter, leave },
  });
  return found;
}

export function unstorableTextError(path: string): GraphQLError {
  return new GraphQLError(`Text must be valid Unicode without the NUL character (\\u0000); ${path} is not.`, {
    extensions: { code: 'BAD_USER_INPUT', field: path, http: { status: 400 } },
  });
}

/** The error for what `refusedInput` found. */
export function refusedInputError(refused: RefusedInput): GraphQLError {
  if (refused.problem === 'UNSTORABLE_TEXT') return unstorableTextError(refused.path);
  return new GraphQLError(`Input may nest at most ${MAX_INPUT_DEPTH} levels of objects and lists; ${refused.path} is deeper.`, {
    extensions: { code: 'BAD_USER_INPUT', field: refused.path, http: { status: 400 } },
  });
}

/**
 * For /graphql over HTTP: answers a request carrying unstorable text in its
 * JSON, or nested too deep, with a GraphQL error, 200 for `application/json` and 400 for
 * `application/graphql-response+json`, as for any request that cannot run.
 */
export const rejectRefusedInput: RequestHandler = (req, res, next) => {
  const refused = refusedInput(req.body) ?? refusedInput(req.query);
  if (!refused) return next();
  const type = req.accepts(['application/json', 'application/graphql-response+json']) || 'application/json';
  const { message, extensions } = refusedInputError(refused);
  res
    .status(type === 'application/json' ? 200 : 400)
    .type(type)
    .send(JSON.stringify({ errors: [{ message, extensions: { code: extensions.code, field: extensions.field } }] }));
};

/** The same for literals, which only the parsed document shows (a "\u0000" escape, a list nested inline). */
export const refusedLiteralsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document }) {
        const refused = refusedLiteral(document);
        if (refused) throw refusedInputError(refused);
      },
    };
  },
};
