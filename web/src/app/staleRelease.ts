const RELOADED_AT = 'rolegraph.reloadedForNewRelease';

/**
 * Pages are fetched when first shown. A tab opened before a new release asks
 * for the old release's files, which are gone (404): load the page again, so
 * the new release comes — at most once a minute, so a file missing for
 * another reason shows the page's error (with Retry) instead of reloading
 * without end.
 */
export function reloadOnceWhenAPageChunkIsGone(): void {
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    event.preventDefault();
    window.location.reload();
  });
}
