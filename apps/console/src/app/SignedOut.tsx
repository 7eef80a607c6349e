import { Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { signInUrl } from '../api/client';

export function SignedOut() {
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" maw={420}>
        <Stack>
          <Title order={1} size="h3">
            You are signed out
          </Title>
          <Text>Close this tab on a shared computer, or sign in again to keep working.</Text>
          <Anchor href={signInUrl('/console/')}>Sign in again</Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
