// The CLI bundle the benchmarks run: the same esbuild bundle `npm run build:cli` makes (what a
// vendor runs), built into a bench folder so dist/ is left alone.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Bundles src/cli/main.ts into `outfile`. */
export function bundleCli(outfile: string): void {
  execFileSync(
    join(repo, 'node_modules/.bin/esbuild'),
    [
      'src/cli/main.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--external:saxes',
      `--outfile=${outfile}`,
      '--log-level=warning',
    ],
    { cwd: repo },
  );
}
