import { useRef, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';

export interface SearchOption {
  readonly value: string;
  readonly label: string;
}

export interface ServerSearch {
  /** What to ask the server for: what the person typed (debounced), or null for the first page. */
  readonly search: string | null;
  /** For the Select: its options (the chosen one kept, whatever the search found) and where its search text goes. */
  selectProps(options: readonly SearchOption[]): { data: SearchOption[]; onSearchChange: (text: string) => void };
}

/**
 * The search of a searchable Select whose options come from the server.
 * Mantine shows the chosen option's label in the search box and reports it as
 * the search text, so sending that text would ask the server for the label
 * itself and offer nothing but the chosen option ("No member found" when
 * the label holds more than a name): the chosen label is not a search. And
 * the chosen option stays among the options when a search does not find it,
 * so the box keeps showing what is chosen.
 */
export function useServerSearch(value: string | null): ServerSearch {
  const [text, setText] = useState('');
  const chosen = useRef<SearchOption | null>(null);
  const showsChosen = value !== null && chosen.current?.value === value && text === chosen.current.label;
  const [search] = useDebouncedValue(showsChosen ? '' : text, 200);
  return {
    search: search || null,
    selectProps(options) {
      const found = options.find((o) => o.value === value);
      if (found) chosen.current = found;
      const keep = value !== null && !found && chosen.current?.value === value ? [chosen.current] : [];
      return { data: [...keep, ...options], onSearchChange: setText };
    },
  };
}
