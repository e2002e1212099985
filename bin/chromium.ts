// Debian's Chromium (apt-get install -y chromium), launched the way these machines need it: as
// root it needs --no-sandbox, and without the networking flags it floods a closed network with
// update and sync requests. Shared by the benchmarks and the playwright-core based Node tests.
import { chromium, type Browser } from 'playwright-core';

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

/** Launches Chromium with the project's flags, plus any a caller needs (e.g. precise memory info). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
