// The three engines web-test-runner runs the browser tests in, all from Debian's packages:
// Chromium (`chromium`), Firefox ESR (`firefox-esr`, driven by puppeteer-core over WebDriver BiDi)
// and WebKit (`webkit2gtk-driver` + `xvfb`: WebKitGTK's MiniBrowser over WebDriver). Choose with
// SOR_ENGINES=chromium,firefox,webkit (default: all three).
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium-flags.mjs';
import { WebKitSession } from './webkit-driver.mjs';

export const FIREFOX_EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines asked for in SOR_ENGINES (comma-separated), or all three; unknown names are an error. */
export function chosenEngines(value = process.env.SOR_ENGINES) {
  if (!value) return ENGINES;
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length)
    throw new Error(`SOR_ENGINES: unknown engine ${unknown.join(', ')} (known: ${ENGINES.join(', ')})`);
  return names;
}

function chromium() {
  const launcher = chromeLauncher({
    launchOptions: { executablePath: CHROMIUM_EXECUTABLE, headless: true, args: [...CHROMIUM_ARGS] },
  });
  // The launcher calls any installed Chromium "Chrome"; the reports name engines as Debian does.
  launcher.name = 'Chromium';
  return launcher;
}

function firefox() {
  const launcher = chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX_EXECUTABLE,
      headless: true,
      extraPrefsFirefox: {
        // No first-run pages, update checks or telemetry on a closed network.
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.reportingpolicy.firstRun': false,
      },
    },
  });
  launcher.name = 'Firefox';
  return launcher;
}

/**
 * web-test-runner's launcher for WebKit: one MiniBrowser window that opens each test file in turn.
 * Its type says `puppeteer` and `getPage` answers with puppeteer's `page.keyboard` shape, because
 * that is how @web/test-runner-commands' `sendKeys` reaches a page with all four of `type`,
 * `press`, `down` and `up`; its WebDriver branch has only the first two (and expects webdriverio).
 */
class WebKitLauncher {
  name = 'WebKit';
  type = 'puppeteer';
  concurrency = 1;
  #session = null;
  #active = new Set();

  async initialize() {
    this.#session = await WebKitSession.start();
    // The same viewport as headless Chromium's default, so layouts compare.
    await this.#session.setWindowSize(800, 600);
  }

  async startSession(sessionId, url) {
    this.#active.add(sessionId);
    await this.#session.goto(url);
  }

  isActive(sessionId) {
    return this.#active.has(sessionId);
  }

  getBrowserUrl() {
    return this.#session.url();
  }

  async stopSession(sessionId) {
    this.#active.delete(sessionId);
    // Leave the test page, so its timers and connections end before the next file starts.
    await this.#session.goto('about:blank');
    return {};
  }

  startDebugSession() {
    throw new Error('WebKit: debugging is not supported; use --manual and open the URL in a browser');
  }

  /** What @web/test-runner-commands' sendKeys uses of a page: its keyboard. */
  getPage() {
    const session = this.#session;
    return {
      keyboard: {
        type: (text) => session.keys([...text]),
        press: (key) => session.keys([key]),
        down: (key) => session.keyDown(key),
        up: (key) => session.keyUp(key),
      },
    };
  }

  async stop() {
    await this.#session?.close();
    this.#session = null;
  }
}

const LAUNCHERS = { chromium, firefox, webkit: () => new WebKitLauncher() };

/** web-test-runner launchers of the chosen engines. */
export function browsers(engines = chosenEngines()) {
  return engines.map((engine) => LAUNCHERS[engine]());
}
