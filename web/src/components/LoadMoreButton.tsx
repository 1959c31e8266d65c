import { Button } from '@mantine/core';

/** "Load more" under a cursor-paginated list, shown while the server says there is a next page. */
export function LoadMoreButton({
  pageInfo,
  onLoadMore,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  onLoadMore: (after: string | null) => unknown;
}) {
  if (!pageInfo?.hasNextPage) return null;
  return (
    <Button variant="default" w="fit-content" onClick={() => void onLoadMore(pageInfo.endCursor ?? null)}>
      Load more
    </Button>
  );
}
