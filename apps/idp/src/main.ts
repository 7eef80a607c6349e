import 'reflect-metadata';
import { ConfigError } from '@intake/platform';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { loadIdpConfig } from './idp.config';
import { startIdp } from './idp';

/** `npm run start:idp`: the local OpenID Provider, for development and tests only. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadIdpConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`intake-idp: ${error.message}\n`);
    process.exit(1);
  }
  const idp = await startIdp(config);
  const who = DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(', ');
  process.stdout.write(
    `intake-idp: issuer ${idp.issuer}; demo sign-ins ${who}, password ${config.IDP_DEMO_PASSWORD}\n`,
  );
  const stop = () => void idp.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
