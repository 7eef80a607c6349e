// Prints the gzipped size of what the first screen (My queue, /console/) loads, and fails the
// build when its JavaScript is over the budget (issue 12: at most 300 KB gzipped). With `--json`
// it prints the figures as one JSON line instead (bench/console.bench.ts reads them).
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const FIRST_ROUTE = 'src/features/queue/QueuePage.tsx';
const dist = resolve(import.meta.dirname, '../../../dist/console');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

const files = new Set();
const css = new Set();
function walk(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const c of chunk.css ?? []) css.add(c);
  for (const i of chunk.imports ?? []) walk(i);
}
walk('index.html');
walk(FIRST_ROUTE);

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const js = [...files].reduce((sum, f) => sum + gz(f), 0);
const styles = [...css].reduce((sum, f) => sum + gz(f), 0);
if (process.argv.includes('--json')) {
  process.stdout.write(
    `${JSON.stringify({
      jsBytes: js,
      jsRawBytes: [...files].reduce((sum, f) => sum + statSync(join(dist, f)).size, 0),
      cssBytes: styles,
      budgetKb: BUDGET_KB,
      jsFiles: [...files],
    })}\n`,
  );
} else {
  process.stdout.write(
    `console: first screen ${kb(js)} JavaScript gzipped (budget ${BUDGET_KB} KB, ${files.size} files), ${kb(styles)} CSS gzipped\n`,
  );
}
if (js > BUDGET_KB * 1024) {
  process.stderr.write(`console: the first screen's JavaScript is over ${BUDGET_KB} KB gzipped\n`);
  process.exit(1);
}
