// Debian's Chromium (apt-get install -y chromium) and the flags these machines need: as root it
// needs --no-sandbox, and without the networking flags it floods a closed network with update and
// sync requests. Plain JavaScript, so that web-test-runner's config (loaded by Node as it is) and
// the TypeScript launcher in test/support/chromium.ts share one list.

export const CHROMIUM_EXECUTABLE = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
