import Papa from 'papaparse';
import type { AuditEntryFieldsFragment } from '../../graphql/generated/graphql';

/** The download's columns, in order: one row per entry, its before and after as JSON. */
export const AUDIT_CSV_COLUMNS = [
  'Time (UTC)',
  'Action',
  'Outcome',
  'Actor type',
  'Actor',
  'Actor id',
  'Target type',
  'Target',
  'Target id',
  'Request id',
  'Before',
  'After',
  'Entry id',
] as const;

/**
 * A cell a spreadsheet would run as a formula starts with one of these
 * ("CSV injection"): a target's name is whatever a member typed. Such a cell
 * is written with a leading apostrophe. Papaparse's own pattern for this
 * (`escapeFormulae: true`) misses a value that also holds a line break, so
 * only the first character is looked at here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

function json(value: Record<string, unknown> | null | undefined): string {
  return value ? JSON.stringify(value) : '';
}

/** The audit entries as one CSV text (RFC 4180: CRLF lines, quoted where needed), newest first as given. */
export function auditCsv(entries: readonly AuditEntryFieldsFragment[]): string {
  const rows = entries.map((e) => [
    e.createdAt,
    e.action,
    e.outcome,
    e.actor.type,
    e.actor.label,
    e.actor.id ?? '',
    e.targetType ?? '',
    e.targetLabel ?? '',
    e.targetId ?? '',
    e.requestId ?? '',
    json(e.before),
    json(e.after),
    e.id,
  ]);
  return BYTE_ORDER_MARK + Papa.unparse({ fields: [...AUDIT_CSV_COLUMNS], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

/** The download's file name: the organization and the day, in letters, digits and dashes only. */
export function auditCsvFileName(organizationName: string, now: Date): string {
  const slug =
    organizationName
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'organization';
  return `audit-log-${slug}-${now.toISOString().slice(0, 10)}.csv`;
}
