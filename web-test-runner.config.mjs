import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { countsReporter } from './test/support/wtr-counts-reporter.mjs';
import { browsers } from './test/support/wtr-browsers.mjs';
import { freePort } from './test/support/webkit-driver.mjs';

export default {
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: true,
  // 127.0.0.1 and a port free there, not "localhost:8000": WebKit resolves localhost to IPv4 while
  // Chromium and Firefox try IPv6 first, so with another server on 127.0.0.1:8000 (a shared
  // machine) WebKit alone opened that server's pages and waited forever. `--port` still overrides.
  hostname: '127.0.0.1',
  port: await freePort(),
  // Lit's dev-mode notice is printed once per test file; it says nothing about the test.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // One test file at a time: keyboard tests (sendKeys) type into the focused page, and two pages
  // open at once take focus from each other (a picker test timed out when run beside open.test.ts).
  concurrency: 1,
  testsFinishTimeout: 240_000,
  // Firefox and WebKit start slowly on a loaded machine (a first Firefox profile took 22 s here).
  browserStartTimeout: 120_000,
  // A cap, not a measure: keyboard tests over WebDriver take seconds on a loaded 2-core machine.
  testFramework: { config: { timeout: 30_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  // Chromium, Firefox ESR and WebKit (test/support/wtr-browsers.mjs); SOR_ENGINES=chromium runs one.
  browsers: browsers(),
  reporters: [defaultReporter(), countsReporter()],
};
