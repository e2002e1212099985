import {
  lstat,
  mkdir,
  open,
  readFile,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeManifest } from '../snapshot/manifest.js';
import { parseJsonBytes } from '../snapshot/transport.js';
import type { SnapshotManifest } from '../snapshot/format.js';
import { CliError, EXIT } from './cli-error.js';
import { MANIFEST_FILE, fileInFolder } from './snapshot-dir.js';

/**
 * The file that marks a folder as one `sor-snapshot build` writes: a build refuses any other
 * non-empty `--out` (without `--force`), so a mistyped `--out .` cannot touch a web root.
 */
export const MARKER_FILE = '.sor-snapshot';
/** Held while a build writes the folder; names the build's process, host and start time. */
export const LOCK_FILE = '.sor-snapshot.lock';

const MARKER_NOTE =
  'This folder holds a SOR snapshot written by `sor-snapshot build`, which writes into a non-empty ' +
  'folder only when this file is in it, and removes only the files listed here as published.';

/** The marker's content: besides marking the folder, the names of the payloads this tool wrote. */
interface Marker {
  note: string;
  published: string[];
}

// `.<name>.tmp-<pid>-<n>`: a file being written, renamed into place once complete. Any left while
// no build holds the lock belong to a build that died, and are removed by the next one.
const TEMP_FILE = /^\..+\.tmp-\d+-\d+$/;
// The names of the payloads a build publishes (how a folder from before the marker is recognised).
const PAYLOAD_FILE = /^(full|delta)-[A-Za-z0-9_.-]+\.json\.gz$/;

function namesIn(manifest: SnapshotManifest | null): string[] {
  return manifest ? [manifest.full.url, ...manifest.deltas.map((delta) => delta.url)] : [];
}

/** The steps of a publish, for tests that kill the process between them. */
export type PublishStep = 'payloads written' | 'manifest replaced';

interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

function isOwnBookkeeping(name: string): boolean {
  return name === MARKER_FILE || name === LOCK_FILE || TEMP_FILE.test(name);
}

/** Whether the process that wrote a lock is still running (as far as this host can tell). */
function holderIsAlive(holder: LockHolder): boolean {
  // A build on another host (a shared network folder) cannot be checked: assume it runs.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLockHolder(file: string): Promise<LockHolder | 'unreadable' | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string') return holder;
  } catch {
    // handled below
  }
  // A lock being written this very moment reads empty: only an old one is a dead build's.
  const age = Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? 0);
  return age < 10_000 ? 'unreadable' : null;
}

/** A snapshot folder made by an older version of this tool, before the marker: manifest and payloads only. */
async function isUnmarkedSnapshot(dir: string, entries: string[]): Promise<boolean> {
  if (!entries.includes(MANIFEST_FILE)) return false;
  if (!entries.every((name) => name === MANIFEST_FILE || PAYLOAD_FILE.test(name) || isOwnBookkeeping(name)))
    return false;
  return (await readOutManifest(dir)) !== null;
}

async function readOutManifest(dir: string): Promise<SnapshotManifest | null> {
  const bytes = await readFile(join(dir, MANIFEST_FILE)).catch(() => null);
  if (bytes === null) return null;
  try {
    return decodeManifest(parseJsonBytes(bytes, MANIFEST_FILE));
  } catch {
    return null;
  }
}

function describeEntries(entries: string[]): string {
  const shown = entries.slice(0, 3).join(', ');
  return entries.length > 3 ? `${shown} and ${entries.length - 3} more` : shown;
}

/**
 * The `--out` folder of a build, checked and locked. Files are published into it in place:
 * payloads (content-addressed, so a new build never overwrites a file a client may be reading)
 * first, `manifest.json` replaced by one atomic rename last, old payloads removed after. So the
 * folder can be served directly, and at every instant (a kill included) it holds a complete
 * snapshot: the old one or the new one.
 */
export class OutFolder {
  private tempCounter = 0;
  private readonly written: string[] = [];
  private published = false;

  private constructor(
    /** The folder as given, for messages. */
    readonly given: string,
    /** The real folder written: a symlinked `--out` is followed, and the link is kept. */
    readonly dir: string,
    private readonly created: boolean,
  ) {}

  /**
   * Checks `out` and takes its lock. Refuses (exit code 3) a file, a non-empty folder without the
   * marker (unless `force`) and a folder another build is writing; creates a missing folder.
   */
  static async open(out: string, options: { force?: boolean } = {}): Promise<OutFolder> {
    const given = out;
    let dir = resolve(out);
    let info = await lstat(dir).catch(() => null);
    if (info?.isSymbolicLink()) {
      // Followed, not replaced: a web server's config or a deploy script may point at the link.
      const target = await realpath(dir).catch(() => null);
      if (target === null) {
        throw new CliError(
          `--out ${given} is a symbolic link to a folder that does not exist; create the folder or point the link at one`,
          EXIT.out,
        );
      }
      dir = target;
      info = await stat(dir);
    }
    if (info && !info.isDirectory()) {
      throw new CliError(`--out ${given} is a file, not a folder; give a folder for the snapshot`, EXIT.out);
    }
    let created = false;
    if (info) {
      const entries = await readdir(dir);
      const foreign = entries.filter((name) => !isOwnBookkeeping(name));
      const ours =
        foreign.length === 0 || entries.includes(MARKER_FILE) || (await isUnmarkedSnapshot(dir, entries));
      if (!ours && options.force && entries.includes(MANIFEST_FILE)) {
        throw new CliError(
          `--out ${given} holds a manifest.json that is not a sor-snapshot manifest; --force never replaces it: give another folder`,
          EXIT.out,
        );
      }
      if (!ours && !options.force) {
        throw new CliError(
          `--out ${given} is not empty and holds no snapshot made by sor-snapshot (it has ${describeEntries(foreign)}); ` +
            'give an empty or new folder, or add --force to write the snapshot beside what is there (nothing of it is deleted)',
          EXIT.out,
        );
      }
    } else {
      await mkdir(dir, { recursive: true });
      created = true;
    }
    const folder = new OutFolder(given, dir, created);
    try {
      await folder.lock();
    } catch (error) {
      if (created) await rmdir(dir).catch(() => undefined);
      throw error;
    }
    return folder;
  }

  private get lockFile(): string {
    return join(this.dir, LOCK_FILE);
  }

  private async lock(): Promise<void> {
    const text = `${JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() })}\n`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await writeFile(this.lockFile, text, { flag: 'wx' });
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A build refused a moment ago removed the folder it found empty (and thought it made).
        if (code === 'ENOENT') {
          await mkdir(this.dir, { recursive: true });
          continue;
        }
        if (code !== 'EEXIST') throw error;
      }
      const holder = await readLockHolder(this.lockFile);
      if (holder === 'unreadable' || (holder !== null && holderIsAlive(holder))) {
        const who =
          holder === 'unreadable'
            ? 'a build that is starting'
            : `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}`;
        throw new CliError(
          `--out ${this.given} is being written by another build (${who}); wait for it to finish, or delete ${this.lockFile} if no build is running`,
          EXIT.out,
        );
      }
      // The build that held it died (killed, out of memory): its lock is stale, take it over.
      await rm(this.lockFile, { force: true });
    }
    throw new CliError(`--out ${this.given}: could not take the lock ${this.lockFile}; try again`, EXIT.out);
  }

  /** The manifest the folder serves now, or `null` (new folder, or one without a valid manifest). */
  currentManifest(): Promise<SnapshotManifest | null> {
    return readOutManifest(this.dir);
  }

  /** Writes `bytes` to a temporary file in the folder, flushed to disk, and renames it to `name`. */
  private async writeFileAtomically(name: string, bytes: Uint8Array): Promise<void> {
    const path = fileInFolder(this.dir, name, `--out ${this.given}`);
    const temp = join(this.dir, `.${name}.tmp-${process.pid}-${this.tempCounter++}`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      // On disk before the rename: after a power cut the manifest never names a file that is not.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  }

  private async holdsSameBytes(name: string, bytes: Uint8Array): Promise<boolean> {
    const existing = await readFile(join(this.dir, name)).catch(() => null);
    return existing !== null && Buffer.compare(existing, bytes) === 0;
  }

  /**
   * Publishes a snapshot: the payload files, then `manifest.json` by one atomic rename, then
   * removes the files neither this manifest nor the one it replaced names (a client that read the
   * old manifest a moment ago still finds its payload) and any temporary file a dead build left.
   * Nothing but this tool's own files is ever removed.
   */
  async publish(
    payloads: Map<string, Uint8Array>,
    manifest: SnapshotManifest,
    onStep?: (step: PublishStep) => void,
  ): Promise<void> {
    const replaced = await this.currentManifest();
    for (const [name, bytes] of payloads) {
      // Content-addressed: a file of that name with the same bytes is already published.
      if (await this.holdsSameBytes(name, bytes)) continue;
      await this.writeFileAtomically(name, bytes);
      this.written.push(name);
    }
    // Recorded before the switch, so a build killed after it knows these files are its own.
    // Only payload names: a hand-edited manifest in --out cannot make the build remove other files.
    const own = new Set(
      [...(await this.publishedNames()), ...namesIn(replaced), ...payloads.keys()].filter((name) =>
        PAYLOAD_FILE.test(name),
      ),
    );
    await this.writeMarker(own);
    onStep?.('payloads written');
    await this.writeFileAtomically(
      MANIFEST_FILE,
      new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    );
    this.published = true;
    onStep?.('manifest replaced');
    const keep = new Set([...namesIn(manifest), ...namesIn(replaced)]);
    for (const name of own) {
      if (!keep.has(name)) await rm(fileInFolder(this.dir, name, `--out ${this.given}`), { force: true });
    }
    for (const name of await readdir(this.dir)) {
      if (TEMP_FILE.test(name)) await rm(join(this.dir, name), { force: true });
    }
    await this.writeMarker(keep);
  }

  /** The payload names the marker lists as written by this tool (none for an old or foreign marker). */
  private async publishedNames(): Promise<string[]> {
    try {
      const marker = JSON.parse(await readFile(join(this.dir, MARKER_FILE), 'utf8')) as Partial<Marker>;
      return Array.isArray(marker.published)
        ? marker.published.filter(
            (name): name is string => typeof name === 'string' && PAYLOAD_FILE.test(name),
          )
        : [];
    } catch {
      return [];
    }
  }

  private writeMarker(published: Set<string>): Promise<void> {
    const marker: Marker = { note: MARKER_NOTE, published: [...published].sort() };
    return this.writeFileAtomically(
      MARKER_FILE,
      new TextEncoder().encode(`${JSON.stringify(marker, null, 2)}\n`),
    );
  }

  /**
   * Ends the build: releases the lock. After a failed build, removes what it wrote (payloads no
   * manifest names, temporary files) and a folder it created, so `--out` is as it was.
   */
  async close(): Promise<void> {
    if (!this.published) {
      for (const name of await readdir(this.dir).catch(() => [] as string[])) {
        if (name.startsWith(`.`) && name.includes(`.tmp-${process.pid}-`)) {
          await rm(join(this.dir, name), { force: true });
        }
      }
      const named = new Set(namesIn(await this.currentManifest()));
      for (const name of this.written) {
        if (!named.has(name)) await rm(join(this.dir, name), { force: true });
      }
    }
    await rm(this.lockFile, { force: true });
    if (this.created && !this.published) await rmdir(this.dir).catch(() => undefined);
  }
}
