import {
  Alert,
  Badge,
  createTheme,
  darken,
  Kbd,
  MantineProvider,
  Modal,
  type CSSVariablesResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from '../api/client';
import { sessionQuery } from '../api/session';
import { leadsQuery } from '../features/leads/leads.api';
import { crisisLeadsQuery, myQueueQuery } from '../features/queue/queue.api';
import { parseFilters } from '../lib/lead-filters';
import { Layout } from './Layout';
import { RouteError } from './RouteError';

// WCAG AA contrast (4.5:1) for every text: the darker shades for colours and links, dark text
// on light fills (autoContrast), and a darker "dimmed" than Mantine's.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  autoContrast: true,
  // Focus rings on keyboard focus everywhere (Mantine's default is only for some inputs).
  focusRing: 'auto',
  defaultRadius: 'sm',
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Dismiss' } }),
    // A badge says a state (crisis, overdue): never cut it to "CRI…" in a narrow cell.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0 }, label: { overflow: 'visible' } } }),
    // Mantine's key caps are gray-7 on gray-0: under a hovered table row that is 4:1. Darker.
    Kbd: Kbd.extend({ styles: { root: { color: 'var(--mantine-color-gray-9)' } } }),
  },
});

const contrast: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    // Light badges and alerts: the palest fill and a darkened 9 (orange-9 on orange-1 is 3.6:1).
    ...Object.fromEntries(
      Object.keys(t.colors).flatMap((c) => [
        [`--mantine-color-${c}-light-color`, darken(t.colors[c]![9], 0.3)],
        [`--mantine-color-${c}-light`, t.colors[c]![0]],
      ]),
    ),
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/**
 * A route's data is asked for as soon as the route is matched, in parallel with its code and
 * with the session (render as you fetch): each loader starts the page's queries and returns at
 * once, the page reads them from the cache. Without this the page's first call waited for its
 * code, then for the session, then for its first render (about 0.3 s of a cold load).
 */
const router = createBrowserRouter(
  [
    {
      path: 'signed-out',
      lazy: async () => ({ Component: (await import('./SignedOut')).SignedOut }),
    },
    {
      path: '/',
      Component: Layout,
      loader: () => {
        void queryClient.prefetchQuery(sessionQuery);
        return null;
      },
      HydrateFallback: () => null,
      ErrorBoundary: RouteError,
      children: [
        {
          index: true,
          loader: () => {
            void queryClient.prefetchInfiniteQuery(myQueueQuery);
            void queryClient.prefetchQuery(crisisLeadsQuery);
            return null;
          },
          lazy: async () => ({
            Component: (await import('../features/queue/QueuePage')).QueuePage,
          }),
        },
        {
          path: 'leads',
          loader: ({ request }) => {
            const filters = parseFilters(new URL(request.url).searchParams);
            void queryClient.prefetchInfiniteQuery(leadsQuery(filters));
            return null;
          },
          lazy: async () => ({
            Component: (await import('../features/leads/LeadsPage')).LeadsPage,
          }),
        },
        {
          path: 'leads/:leadId',
          lazy: async () => ({ Component: (await import('../features/lead/LeadPage')).LeadPage }),
        },
        {
          path: 'settings/alerts',
          lazy: async () => ({
            Component: (await import('../features/settings/AlertSettingsPage')).AlertSettingsPage,
          }),
        },
        {
          path: '*',
          lazy: async () => ({ Component: (await import('./NotFound')).NotFound }),
        },
      ],
    },
  ],
  { basename: '/console' },
);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
