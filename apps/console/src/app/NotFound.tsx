import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Stack>
      <Title order={1} size="h3">
        Nothing here
      </Title>
      <Text>
        This address is not a page of the console. Go to{' '}
        <Anchor component={Link} to="/">
          your queue
        </Anchor>{' '}
        or{' '}
        <Anchor component={Link} to="/leads">
          all leads
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
