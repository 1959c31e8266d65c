import { Component, type ReactNode } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

interface State {
  readonly error: Error | null;
}

/**
 * Keeps a page's crash inside the page: the navigation stays usable and the
 * person sees what happened instead of a blank screen. Keyed by route, so
 * moving to another page clears it.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} title="This page failed to show" role="alert">
        <Stack gap="xs">
          <Text size="sm">{this.state.error.message}</Text>
          <Button size="xs" variant="light" color="red" w="fit-content" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
}
