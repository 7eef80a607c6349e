import {
  Alert,
  AppShell,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { goSignIn } from '../api/client';
import { signOut, SignedOut, useSession } from '../api/session';
import { useLiveQueue, type LiveStatus } from '../lib/live';
import { dialogOpen } from '../lib/use-row-keys';
import { ShortcutsDialog } from '../features/shortcuts/ShortcutsDialog';
import { SessionContext } from './session-context';
import classes from './Layout.module.css';

const LIVE_LABEL: Record<LiveStatus, { text: string; color: string; title: string }> = {
  live: { text: 'Live', color: 'teal', title: 'New and changed leads appear by themselves.' },
  connecting: { text: 'Connecting…', color: 'gray', title: 'Reconnecting to live updates.' },
  offline: {
    text: 'Refreshing every 30 s',
    color: 'gray',
    title: 'Live updates are not available; the queue refreshes every 30 seconds.',
  },
};

export function Layout() {
  const session = useSession();
  const [help, helpControls] = useDisclosure(false);
  const navigate = useNavigate();
  const live = useLiveQueue(session.isSuccess);

  useEffect(() => {
    if (session.error instanceof SignedOut) goSignIn();
  }, [session.error]);

  useHotkeys([
    ['shift+?', () => helpControls.toggle()],
    ['q', () => !dialogOpen() && void navigate('/')],
    ['l', () => !dialogOpen() && void navigate('/leads')],
  ]);

  if (session.isPending || session.error instanceof SignedOut) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader aria-label="Signing in" />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center mih="100vh" p="md">
        <Stack maw={480}>
          <Alert color="red" title="Cannot reach the sign-in service">
            {session.error.message} Check your connection and try again; if it keeps failing, tell
            your admin.
          </Alert>
          <Group>
            <Button onClick={() => void session.refetch()}>Try again</Button>
          </Group>
        </Stack>
      </Center>
    );
  }

  const staff = session.data.staff;
  const status = LIVE_LABEL[live];
  return (
    <SessionContext.Provider value={session.data}>
      <AppShell header={{ height: 56 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Text fw={700} component="span">
                Intake
              </Text>
              <nav aria-label="Main">
                <Group gap="xs" wrap="nowrap">
                  <NavLink to="/" end className={classes.nav}>
                    My queue
                  </NavLink>
                  <NavLink to="/leads" className={classes.nav}>
                    Leads
                  </NavLink>
                </Group>
              </nav>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Badge color={status.color} variant="light" title={status.title} visibleFrom="sm">
                {status.text}
              </Badge>
              <Button variant="subtle" size="compact-sm" onClick={helpControls.open}>
                <span aria-hidden="true">?</span>
                <VisuallyHidden>Keyboard shortcuts</VisuallyHidden>
              </Button>
              <Menu position="bottom-end">
                <Menu.Target>
                  <UnstyledButton className={classes.user} aria-label={`Account: ${staff.name}`}>
                    <Text size="sm" fw={500} truncate maw={180}>
                      {staff.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {staff.role}
                    </Text>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{staff.email}</Menu.Label>
                  <Menu.Item onClick={() => void navigate('/settings/alerts')}>My alerts</Menu.Item>
                  <Menu.Item onClick={() => void signOut(session.data.csrfToken)}>
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main>
          <div className={classes.main}>
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
      <ShortcutsDialog opened={help} onClose={helpControls.close} />
    </SessionContext.Provider>
  );
}
