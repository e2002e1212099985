// WebKit (Safari's engine) from Debian: WebKitGTK's MiniBrowser driven by WebKitWebDriver
// (apt-get install -y webkit2gtk-driver xvfb). MiniBrowser has no headless mode, so it draws on a
// virtual X display. Xvfb and the driver are started here directly, not through xvfb-run, so both
// process ids are ours to stop (xvfb-run leaves them running when only the wrapper is killed).
// A small client of the W3C WebDriver protocol (https://www.w3.org/TR/webdriver2/) over fetch:
// the few commands the test runner and the end-to-end tests need, and no client library whose
// current releases want Node 22.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const WEBKIT_BROWSER =
  process.env.WEBKIT_BROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** WebDriver's code points of the named keys the tests press (WebDriver §17.4.2, "keyboard actions"). */
const NAMED_KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};

/**
 * The key-action sequence for `keys`: each entry one character to type, or a named key to press
 * (`ArrowDown`), or a chord (`Shift+Tab`), pressed in order and released in reverse.
 */
export function keyActions(keys) {
  const actions = [];
  for (const key of keys) {
    const chord = key.length > 1 && key.includes('+') ? key.split('+') : [key];
    const values = chord.map((name) => {
      if (name.length === 1) return name;
      const value = NAMED_KEYS[name];
      if (!value)
        throw new Error(
          `WebKit: no WebDriver key for "${name}" (known: ${Object.keys(NAMED_KEYS).join(', ')})`,
        );
      return value;
    });
    for (const value of values) actions.push({ type: 'keyDown', value });
    for (const value of [...values].reverse()) actions.push({ type: 'keyUp', value });
  }
  return actions;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startXvfb() {
  return new Promise((resolve, reject) => {
    // -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    xvfb.stderr.on('data', (chunk) => (errors += chunk));
    xvfb.stdio[3].on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve({ process: xvfb, display: `:${output.trim()}` });
    });
    xvfb.on('error', (error) =>
      reject(new Error(`Xvfb did not start (apt-get install -y xvfb): ${error.message}`)),
    );
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors.trim()}`)));
  });
}

async function waitForDriver(base, driver) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok && (await response.json()).value?.ready !== false) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not answer within 30 s');
}

/**
 * One MiniBrowser window driven over WebDriver, on its own virtual display. `close()` ends the
 * session and stops the driver and Xvfb.
 */
export class WebKitSession {
  static async start() {
    for (const path of [WEBKIT_DRIVER, WEBKIT_BROWSER]) {
      if (!existsSync(path)) throw new Error(`no ${path}: apt-get install -y webkit2gtk-driver xvfb`);
    }
    const xvfb = await startXvfb();
    let driver;
    try {
      const port = await freePort();
      driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
        env: { ...process.env, DISPLAY: xvfb.display },
        stdio: 'ignore',
      });
      const base = `http://127.0.0.1:${port}`;
      await waitForDriver(base, driver);
      const session = new WebKitSession(base, xvfb.process, driver);
      const { sessionId } = await session.command('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] },
          },
        },
      });
      session.id = sessionId;
      return session;
    } catch (error) {
      driver?.kill();
      xvfb.process.kill();
      throw error;
    }
  }

  constructor(base, xvfb, driver) {
    this.base = base;
    this.xvfb = xvfb;
    this.driver = driver;
    this.id = null;
  }

  #inputQueue = Promise.resolve();

  /** Sends one WebDriver command; returns its `value`, or throws WebDriver's error with its message. */
  async command(method, path, body) {
    const url = path === '/session' ? `${this.base}/session` : `${this.base}/session/${this.id}${path}`;
    const response = await fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebKit ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  }

  goto(url) {
    return this.command('POST', '/url', { url });
  }

  url() {
    return this.command('GET', '/url');
  }

  /** Runs `script` (a function body; `arguments` holds `args`) in the page and returns its result. */
  execute(script, args = []) {
    return this.command('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((function () { ${script} }).apply(null, Array.from(arguments).slice(0, -1))).then(done, (error) => done({ __error: String(error && error.stack || error) }));`,
      args,
    }).then((value) => {
      if (value && typeof value === 'object' && '__error' in value) throw new Error(value.__error);
      return value;
    });
  }

  /** Types characters and presses named keys (`ArrowDown`, `Shift+Tab`) into the focused element. */
  keys(keys) {
    return this.keyboard(keyActions(keys));
  }

  /** Holds a key down (`Shift`) until `keyUp`: the keys sent meanwhile are pressed with it. */
  keyDown(key) {
    return this.keyboard(keyActions([key]).filter((action) => action.type === 'keyDown'));
  }

  keyUp(key) {
    return this.keyboard(keyActions([key]).filter((action) => action.type === 'keyUp'));
  }

  // One key sequence at a time: WebKit refuses actions while others still run ("A previous
  // interaction is still underway"), e.g. when a timed-out test's typing overlaps the next test's.
  keyboard(actions) {
    const sent = this.#inputQueue.then(() =>
      this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] }),
    );
    this.#inputQueue = sent.catch(() => undefined);
    return sent;
  }

  /** A PNG of the window's viewport. */
  async screenshot() {
    return Buffer.from(await this.command('GET', '/screenshot'), 'base64');
  }

  async setWindowSize(width, height) {
    await this.command('POST', '/window/rect', { width, height });
  }

  async close() {
    try {
      if (this.id) await this.command('DELETE', '');
    } catch {
      // The browser is gone already: the driver and display still have to be stopped.
    }
    this.driver.kill();
    this.xvfb.kill();
  }
}
