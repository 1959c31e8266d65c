import Papa from 'papaparse';
import { AUDIT_CSV_COLUMNS, auditCsv, auditCsvFileName } from '../src/pages/audit/auditCsv';
import type { AuditEntryFieldsFragment } from '../src/graphql/generated/graphql';

function entry(overrides: Partial<AuditEntryFieldsFragment> = {}): AuditEntryFieldsFragment {
  return {
    __typename: 'AuditEntry',
    id: '42',
    action: 'resource.created',
    outcome: 'SUCCESS',
    createdAt: '2026-11-27T10:00:00.000Z',
    targetType: 'CORPUS',
    targetId: 'r-1',
    targetLabel: 'Handbook',
    requestId: 'req-1',
    before: null,
    after: { name: 'Handbook', level: 'EDITOR' },
    actor: { __typename: 'AuditActor', id: 'u-1', type: 'USER', label: 'Hana Abe' },
    ...overrides,
  };
}

function rows(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('auditCsv', () => {
  it('writes a header and one row per entry, every field in its column, before and after as JSON', () => {
    const csv = auditCsv([
      entry(),
      entry({
        id: '41',
        action: 'member.removed',
        before: { role: 'USER' },
        after: null,
        actor: { __typename: 'AuditActor', id: null, type: 'SYSTEM', label: 'Rolegraph' },
      }),
    ]);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(rows(csv)).toEqual([
      [...AUDIT_CSV_COLUMNS],
      [
        '2026-11-27T10:00:00.000Z',
        'resource.created',
        'SUCCESS',
        'USER',
        'Hana Abe',
        'u-1',
        'CORPUS',
        'Handbook',
        'r-1',
        'req-1',
        '',
        '{"name":"Handbook","level":"EDITOR"}',
        '42',
      ],
      ['2026-11-27T10:00:00.000Z', 'member.removed', 'SUCCESS', 'SYSTEM', 'Rolegraph', '', 'CORPUS', 'Handbook', 'r-1', 'req-1', '{"role":"USER"}', '', '41'],
    ]);
  });

  it('keeps commas, quotes, line breaks and any script in a name intact', () => {
    const label = 'Q3, "final"\nnotes — 日本語 🙂';
    expect(rows(auditCsv([entry({ targetLabel: label })]))[1]![7]).toBe(label);
  });

  it('never writes a cell a spreadsheet would run as a formula, also when it holds a line break', () => {
    const hostile = ['=HYPERLINK("https://evil.example","open")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '=1+1\nsecond line'];
    const written = rows(auditCsv(hostile.map((targetLabel, i) => entry({ id: String(i), targetLabel }))))
      .slice(1)
      .map((row) => row[7]);
    expect(written).toEqual(hostile.map((label) => `'${label}`));
  });
});

describe('auditCsvFileName', () => {
  const day = new Date('2026-11-27T23:30:00.000Z');
  it('names the organization and the day in letters, digits and dashes', () => {
    expect(auditCsvFileName('Ekai Demo', day)).toBe('audit-log-ekai-demo-2026-11-27.csv');
    expect(auditCsvFileName('Ünïcode / ../Org\u0000', day)).toBe('audit-log-unicode-org-2026-11-27.csv');
    expect(auditCsvFileName('日本', day)).toBe('audit-log-organization-2026-11-27.csv');
  });
});
