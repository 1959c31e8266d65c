import 'graphiql/style.css';
import './apiExplorer.css';
import { useEffect, useRef } from 'react';
import { Box, Code, Stack, Text, Title } from '@mantine/core';
import { GraphiQL } from 'graphiql';
import { graphqlHttpFetcher } from './graphqlHttpFetcher';
import { keepGraphiQLAccessible } from './graphiqlAccessibility';

/** What the explorer opens with: who you are, as the API sees you. */
const FIRST_QUERY = `# Queries here run as you: your session, your organization, your access.
# Ctrl+Enter runs the query, Ctrl+Space completes a field,
# and the book icon on the left shows the whole schema.
{
  me {
    account {
      id
      name
      email
    }
    organization {
      id
      name
    }
    role
    capabilities
  }
}
`;

/**
 * The API explorer for integrators: GraphiQL, bundled with the app (nothing
 * from another site), sending to this server's /graphql with your session.
 * Its tabs are kept for this browser tab only (sessionStorage), and headers
 * typed in it (an API key to try) are never stored.
 */
export function ApiExplorerPage() {
  const explorer = useRef<HTMLDivElement>(null);
  useEffect(() => (explorer.current ? keepGraphiQLAccessible(explorer.current) : undefined), []);
  return (
    <Stack gap="sm">
      <Title order={1} size="h2">
        API explorer
      </Title>
      <Text size="sm" c="dimmed">
        Try the GraphQL API signed in as you. Programs send an API key instead, as <Code>Authorization: Bearer &lt;key&gt;</Code> (Settings → API keys); paste
        one under Headers to see what it reaches.
      </Text>
      <Box
        ref={explorer}
        className="api-explorer"
        role="region"
        aria-label="GraphiQL"
        style={{ height: 'max(480px, calc(100dvh - 210px))', overflowX: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      >
        <Box h="100%" miw={{ base: 340, sm: 720 }}>
          <GraphiQL fetcher={graphqlHttpFetcher} defaultQuery={FIRST_QUERY} storage={sessionStorage} forcedTheme="light" isHeadersEditorEnabled />
        </Box>
      </Box>
    </Stack>
  );
}
