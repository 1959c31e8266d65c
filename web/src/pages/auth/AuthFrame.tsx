import type { ReactNode } from 'react';
import { Center, Paper, Stack, Text, Title } from '@mantine/core';

/** The centered card sign-in, sign-up and invitation pages share. */
export function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={420} radius="md">
        <Stack>
          <div>
            <Text c="indigo" fw={700}>
              Rolegraph
            </Text>
            <Title order={1} size="h2">
              {title}
            </Title>
            {subtitle && <Text c="dimmed">{subtitle}</Text>}
          </div>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
