/**
 * Checks every event schema against its history since the contracts were released, and the
 * working tree against HEAD: only optional properties may be added, with a minor version bump.
 *   npm run events:compat [-- --repo <dir>] [--schemas <dir>] [--baseline <commit>]
 */
import { resolve } from 'node:path';
import { CONTRACTS_BASELINE, SCHEMA_DIR, schemaHistoryProblems } from '@intake/events';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const repoDir = resolve(option('repo', process.cwd()));
const schemaDir = option('schemas', SCHEMA_DIR);
const baseline = option('baseline', CONTRACTS_BASELINE);
const problems = schemaHistoryProblems({ repoDir, schemaDir, baseline });
if (problems.length > 0) {
  console.error(`Incompatible event schema changes (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(
    'A v1 schema may only gain optional properties, with its x-schema-version minor raised; anything else needs a new .v2 type. See docs/events/README.md.',
  );
  process.exit(1);
}
console.log(
  `Event schemas in ${schemaDir} are compatible with their history since ${baseline.slice(0, 8)}.`,
);
