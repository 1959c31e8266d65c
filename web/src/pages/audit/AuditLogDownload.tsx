import { useEffect, useRef, useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useApolloClient } from '@apollo/client/react';
import { IconDownload } from '@tabler/icons-react';
import type { AuditEntryFieldsFragment, AuditLogQuery, AuditLogFilter } from '../../graphql/generated/graphql';
import { describeError } from '../../app/errors';
import { countOf, grouped } from '../../components/plural';
import { AUDIT_LOG } from './auditLogQuery';

/** Entries read per request: the most a page of `auditLog` holds. */
const DOWNLOAD_PAGE_SIZE = 100;

/** Most entries one download holds: the browser keeps the whole file in memory. More are narrowed by date first. */
export const MAX_DOWNLOAD_ENTRIES = 100_000;

const entries = (n: number) => countOf(n, 'entry', 'entries');

/** Hands a file to the browser's downloads, as a link with `download` does. */
function saveFile(contents: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Download CSV": every entry the filters match (not only the pages shown),
 * read page by page through the same `auditLog` query the page uses, then
 * saved as one CSV file. Entries written meanwhile are not in it (the pages
 * continue from a cursor, newest first). Shows how far it has got and can be
 * cancelled; more than MAX_DOWNLOAD_ENTRIES are refused with the advice to
 * narrow the dates.
 */
export function AuditLogDownload({ filter, organizationName }: { filter: AuditLogFilter; organizationName: string }) {
  const client = useApolloClient();
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  // The current download's number: Cancel, leaving the page or a new download make an older one stop where it is.
  const current = useRef(0);
  useEffect(
    () => () => {
      current.current++;
    },
    [],
  );

  const readPage = async (after: string | null): Promise<AuditLogQuery['auditLog']> => {
    const { data } = await client.query({ query: AUDIT_LOG, variables: { filter, after, first: DOWNLOAD_PAGE_SIZE }, fetchPolicy: 'no-cache' });
    if (!data) throw new Error('The audit log did not answer.');
    return data.auditLog;
  };

  const download = async () => {
    const run = ++current.current;
    const stillWanted = () => current.current === run;
    setProgress({ done: 0, total: null });
    const collected: AuditEntryFieldsFragment[] = [];
    let after: string | null = null;
    try {
      for (;;) {
        const page = await readPage(after);
        if (!stillWanted()) return;
        if (page.totalCount > MAX_DOWNLOAD_ENTRIES) {
          notifications.show({
            color: 'red',
            title: 'Not downloaded',
            message: `${entries(page.totalCount)} match; a download holds at most ${grouped(MAX_DOWNLOAD_ENTRIES)}. Narrow the dates and download in parts.`,
          });
          return;
        }
        collected.push(...page.edges.map((edge) => edge.node));
        setProgress({ done: collected.length, total: Math.max(page.totalCount, collected.length) });
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      const { auditCsv, auditCsvFileName } = await import('./auditCsv');
      saveFile(auditCsv(collected), auditCsvFileName(organizationName, new Date()));
      notifications.show({ color: 'green', message: `Downloaded ${entries(collected.length)}.` });
    } catch (error) {
      if (stillWanted()) notifications.show({ color: 'red', title: 'Not downloaded', message: describeError(error).message });
    } finally {
      if (stillWanted()) {
        current.current++;
        setProgress(null);
      }
    }
  };

  const cancel = () => {
    current.current++;
    setProgress(null);
  };
  // One button that turns into Cancel while downloading, so that a keyboard user's focus stays on it throughout.
  return (
    <Group gap="xs">
      {progress && (
        <Text size="sm" role="status">
          {progress.total === null ? 'Downloading…' : `Downloading ${grouped(progress.done)} of ${grouped(progress.total)}…`}
        </Text>
      )}
      <Button
        size="compact-sm"
        variant="default"
        leftSection={progress ? undefined : <IconDownload size={14} />}
        onClick={progress ? cancel : () => void download()}
      >
        {progress ? 'Cancel download' : 'Download CSV'}
      </Button>
    </Group>
  );
}
