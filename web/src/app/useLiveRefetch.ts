import { useEffect, useMemo, useRef, useState } from 'react';
import type { RefetchQueriesInclude } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';

/** How often, at most, a burst of live events refetches a page's queries. */
export const LIVE_REFETCH_INTERVAL_MS = 500;

/**
 * Calls `run` at once for the first call, then at most once every `waitMs`
 * while calls keep coming; a call made during a wait is never lost, it runs
 * when the wait ends. `cancel` drops what is waiting.
 */
export function leadingAndTrailing(run: () => void, waitMs: number): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let waiting = false;
  const endWait = () => {
    if (!waiting) {
      timer = null;
      return;
    }
    waiting = false;
    run();
    timer = setTimeout(endWait, waitMs);
  };
  return {
    call() {
      if (timer !== null) {
        waiting = true;
        return;
      }
      run();
      timer = setTimeout(endWait, waitMs);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = false;
    },
  };
}

/**
 * A refetch of these queries for a page's live events (`leadingAndTrailing`):
 * a directory sync that adds 500 people to a team is a few refetches for an
 * open page, not 500; nothing is refetched once the page is gone, or after
 * `cancel`.
 */
export function useLiveRefetch(include: RefetchQueriesInclude): { refetch(): void; cancel(): void } {
  const apollo = useApolloClient();
  const latest = useRef(include);
  useEffect(() => {
    latest.current = include;
  });
  const throttled = useMemo(() => leadingAndTrailing(() => void apollo.refetchQueries({ include: latest.current }), LIVE_REFETCH_INTERVAL_MS), [apollo]);
  useEffect(() => throttled.cancel, [throttled]);
  return useMemo(() => ({ refetch: throttled.call, cancel: throttled.cancel }), [throttled]);
}

/**
 * useLiveRefetch for a list a person may have extended with "Load more".
 * While only its first page shows, a change refetches it. Once more is
 * loaded, a refetch would bring back the first page alone and lose the
 * person's place, so the change is held (`held`) until they choose to see it
 * (`showChanges`), as a feed says "new posts" rather than jumping.
 */
export function useLiveListRefetch(include: RefetchQueriesInclude, extended: boolean): { changed(): void; readonly held: boolean; showChanges(): void } {
  const apollo = useApolloClient();
  const live = useLiveRefetch(include);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!extended) setHeld(false);
  }, [extended]);
  return {
    changed: () => (extended ? setHeld(true) : live.refetch()),
    held: held && extended,
    showChanges: () => {
      setHeld(false);
      void apollo.refetchQueries({ include });
    },
  };
}
