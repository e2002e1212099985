// Debian's Chromium launched with the project's flags (test/support/chromium-flags.mjs). Shared by the
// benchmarks and the playwright-core based Node tests.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium-flags.mjs';

export { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE };

/** Launches Chromium with the project's flags, plus any a caller needs (e.g. precise memory info). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
