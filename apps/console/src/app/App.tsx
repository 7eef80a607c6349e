import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from '../api/client';
import { Layout } from './Layout';
import { RouteError } from './RouteError';

const theme = createTheme({
  primaryColor: 'indigo',
  // Focus rings on keyboard focus everywhere (Mantine's default is only for some inputs).
  focusRing: 'auto',
  defaultRadius: 'sm',
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

const router = createBrowserRouter(
  [
    {
      path: 'signed-out',
      lazy: async () => ({ Component: (await import('./SignedOut')).SignedOut }),
    },
    {
      path: '/',
      Component: Layout,
      ErrorBoundary: RouteError,
      children: [
        {
          index: true,
          lazy: async () => ({
            Component: (await import('../features/queue/QueuePage')).QueuePage,
          }),
        },
        {
          path: 'leads',
          lazy: async () => ({
            Component: (await import('../features/leads/LeadsPage')).LeadsPage,
          }),
        },
        {
          path: 'leads/:leadId',
          lazy: async () => ({ Component: (await import('../features/lead/LeadPage')).LeadPage }),
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
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
