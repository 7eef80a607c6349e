/**
 * The local identity provider's people: the clinic's demo staff. `npm run seed:demo` creates the
 * matching Intake staff records (same emails), so each can sign in to the console.
 */
export interface DemoAccount {
  /** The subject the provider gives them: stable across restarts. */
  sub: string;
  email: string;
  name: string;
  /** Their role in Intake (the seed's business; the provider sends no role). */
  role: 'admin' | 'coordinator' | 'viewer';
  /** Round-the-clock working hours in scheduling, so leads reach them at any hour. */
  alwaysWorking: boolean;
}

/** Every demo account's password. A development and test tool: never a real secret. */
export const DEMO_PASSWORD = 'intake-demo';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    sub: 'demo-ada',
    email: 'ada@clinic.example',
    name: 'Ada Admin',
    role: 'admin',
    alwaysWorking: false,
  },
  {
    sub: 'demo-cora',
    email: 'cora@clinic.example',
    name: 'Cora Coordinator',
    role: 'coordinator',
    alwaysWorking: true,
  },
  {
    sub: 'demo-cole',
    email: 'cole@clinic.example',
    name: 'Cole Coordinator',
    role: 'coordinator',
    alwaysWorking: true,
  },
  {
    sub: 'demo-vic',
    email: 'vic@clinic.example',
    name: 'Vic Viewer',
    role: 'viewer',
    alwaysWorking: false,
  },
];
