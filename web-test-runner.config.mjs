import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { countsReporter } from './bin/wtr-counts-reporter.mjs';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './bin/chromium-flags.mjs';

export default {
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: true,
  // Lit's dev-mode notice is printed once per test file; it says nothing about the test.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // One test file at a time: keyboard tests (sendKeys) type into the focused page, and two pages
  // open at once take focus from each other (a picker test timed out when run beside open.test.ts).
  concurrency: 1,
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_EXECUTABLE,
        headless: true,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
  reporters: [defaultReporter(), countsReporter()],
};
