import type { ScimPatchOperation } from 'scim-patch';
import { ScimError } from './scimErrors';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const MAX_OPERATIONS = 100;

/** A string attribute, or undefined when absent; anything else than a string is refused. */
export function stringOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ScimError(400, 'A string attribute has a value that is not a string.', 'invalidValue');
  if (value.includes('\u0000')) throw new ScimError(400, 'Text may not contain NUL characters.', 'invalidValue');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A SCIM boolean; "True"/"False" strings (as Entra ID sends them) are accepted. */
export function scimBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ScimError(400, `${name} must be true or false.`, 'invalidValue');
}

/** The body of a request as an object, or 400 invalidSyntax. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'The request body must be a JSON object.', 'invalidSyntax');
  return body as Record<string, unknown>;
}

/** A PatchOp request's operations, checked for shape (RFC 7644 section 3.5.2). */
export function parsePatch(body: unknown): ScimPatchOperation[] {
  const request = objectBody(body);
  if (!Array.isArray(request.schemas) || !request.schemas.includes(PATCH_OP_SCHEMA)) {
    throw new ScimError(400, `A PATCH needs schemas: ["${PATCH_OP_SCHEMA}"].`, 'invalidSyntax');
  }
  const operations = request.Operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError(400, 'A PATCH needs a non-empty Operations array.', 'invalidSyntax');
  if (operations.length > MAX_OPERATIONS) throw new ScimError(400, `A PATCH may hold at most ${MAX_OPERATIONS} operations.`, 'tooMany');
  return operations.map((raw: unknown) => {
    const op = objectBody(raw);
    const kind = typeof op.op === 'string' ? op.op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'remove' && kind !== 'replace') throw new ScimError(400, 'Each operation’s op is add, remove or replace.', 'invalidSyntax');
    if (op.path !== undefined && (typeof op.path !== 'string' || op.path.length > 500 || op.path.includes('\u0000'))) {
      throw new ScimError(400, 'An operation’s path must be a short string.', 'invalidPath');
    }
    if (kind === 'remove' && !op.path) throw new ScimError(400, 'A remove operation needs a path.', 'noTarget');
    return {
      op: kind,
      ...(op.path !== undefined ? { path: op.path as string } : {}),
      ...(op.value !== undefined ? { value: op.value } : {}),
    } as ScimPatchOperation;
  });
}
