import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/** The console's API types come from docs/openapi.json; an API change must reach them. */
describe('the console’s generated API types', () => {
  it('are what `npm run console:types` makes from docs/openapi.json', () => {
    const generated = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(ROOT, 'docs/openapi.json')],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const committed = readFileSync(join(__dirname, 'schema.d.ts'), 'utf8');
    if (generated !== committed) {
      throw new Error(
        'apps/console/src/api/schema.d.ts is stale: run `npm run console:types` and commit the result.',
      );
    }
  }, 30_000);
});
