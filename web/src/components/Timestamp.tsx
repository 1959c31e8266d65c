import { formatDate, formatTime } from './formatTime';

/**
 * A moment in the reader's locale, as a `<time>` element that never breaks
 * across lines: in a table squeezed to a phone's width a date otherwise
 * reads one word a line ("Nov / 26, / 2026, / 7:29 / AM") and makes every
 * row several times taller; the table scrolls sideways instead.
 */
export function Timestamp({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  return (
    <time dateTime={iso} style={{ whiteSpace: 'nowrap' }}>
      {dateOnly ? formatDate(iso) : formatTime(iso)}
    </time>
  );
}
