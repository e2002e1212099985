// One small page API over the three engines' drivers, for the Node-side end-to-end tests and the
// screenshots: Chromium and Firefox ESR through puppeteer-core (CDP and WebDriver BiDi), WebKit
// through WebKitWebDriver (test/support/webkit-driver.mjs). playwright-core cannot drive Debian's Firefox
// or WebKitGTK (it needs its own patched builds, which cannot be downloaded here).
import { existsSync } from 'node:fs';
import { launch, type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium-flags.mjs';
import { WEBKIT_DRIVER, WebKitSession } from './webkit-driver.mjs';

export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];
export const FIREFOX_EXECUTABLE = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** What each engine needs installed, for a clear error before a test starts. */
export const ENGINE_PACKAGES: Record<Engine, { path: string; install: string }> = {
  chromium: { path: CHROMIUM_EXECUTABLE, install: 'apt-get install -y chromium' },
  firefox: { path: FIREFOX_EXECUTABLE, install: 'apt-get install -y firefox-esr' },
  webkit: { path: WEBKIT_DRIVER, install: 'apt-get install -y webkit2gtk-driver xvfb' },
};

/** One page (tab or window) of one engine. */
export interface EnginePage {
  readonly engine: Engine;
  goto(url: string): Promise<void>;
  /**
   * Evaluates `body` (a function body; `args` are its `arguments`; it may return a promise) in the
   * page and returns the result (JSON values only).
   */
  evaluate<T>(body: string, ...args: unknown[]): Promise<T>;
  /** Types `text` into the focused element, key by key. */
  type(text: string): Promise<void>;
  /** Presses one named key (`ArrowDown`, `Enter`) in the focused element. */
  press(key: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  screenshot(): Promise<Buffer>;
  /** Ends the page and the browser behind it. */
  close(): Promise<void>;
}

/** Polls `body` in the page until it returns a truthy value; fails naming `what` after `timeoutMs`. */
export async function waitInPage<T>(
  page: EnginePage,
  what: string,
  body: string,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate<T>(body);
    if (value) return value;
    if (Date.now() > until)
      throw new Error(`${page.engine}: ${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

class PuppeteerPage implements EnginePage {
  constructor(
    readonly engine: Engine,
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}
  async goto(url: string) {
    await this.page.goto(url);
  }
  evaluate<T>(body: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate(new Function(body) as (...args: unknown[]) => T, ...args) as Promise<T>;
  }
  type(text: string) {
    return this.page.keyboard.type(text);
  }
  press(key: string) {
    return this.page.keyboard.press(key as KeyInput);
  }
  setViewport(width: number, height: number) {
    return this.page.setViewport({ width, height });
  }
  async screenshot() {
    return Buffer.from(await this.page.screenshot());
  }
  close() {
    return this.browser.close();
  }
}

class WebDriverPage implements EnginePage {
  readonly engine = 'webkit';
  constructor(private readonly session: WebKitSession) {}
  goto(url: string) {
    return this.session.goto(url);
  }
  evaluate<T>(body: string, ...args: unknown[]): Promise<T> {
    return this.session.execute<T>(body, args);
  }
  type(text: string) {
    return this.session.keys([...text]);
  }
  press(key: string) {
    return this.session.keys([key]);
  }
  setViewport(width: number, height: number) {
    return this.session.setWindowSize(width, height);
  }
  screenshot() {
    return this.session.screenshot();
  }
  close() {
    return this.session.close();
  }
}

/** Opens a fresh browser of `engine` with one page. Throws, naming the package, if it is not installed. */
export async function openEnginePage(engine: Engine): Promise<EnginePage> {
  const { path, install } = ENGINE_PACKAGES[engine];
  if (!existsSync(path)) throw new Error(`${engine}: no ${path}: ${install}`);
  if (engine === 'webkit') return new WebDriverPage(await WebKitSession.start());
  const browser =
    engine === 'chromium'
      ? await launch({
          browser: 'chrome',
          executablePath: CHROMIUM_EXECUTABLE,
          headless: true,
          args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--headless')),
        })
      : await launch({ browser: 'firefox', executablePath: FIREFOX_EXECUTABLE, headless: true });
  const page = await browser.newPage();
  // A cold vite dev server compiles the page's modules on the first request: slow on a loaded machine.
  page.setDefaultNavigationTimeout(120_000);
  return new PuppeteerPage(engine, browser, page);
}
