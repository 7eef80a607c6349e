import { Alert, Button, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';

/** A page that failed to load (a new release replaced its script, a network error). */
export function RouteError() {
  const error = useRouteError();
  return (
    <Stack p="xl" maw={560}>
      <Alert color="red" title="This page could not be shown">
        {error instanceof Error ? error.message : 'Something went wrong.'} Reload the page; if it
        happens again, tell your admin what you were doing.
      </Alert>
      <Button onClick={() => window.location.reload()} w="fit-content">
        Reload
      </Button>
    </Stack>
  );
}
