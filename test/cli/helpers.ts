import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.js';
import { generateSorXml } from '../../src/cli/synthetic/generate.js';

/** The real SOR samples, beside the repository (`../shared/sor-samples`), never copied into it. */
export const SAMPLES_DIR = fileURLToPath(
  new URL('../../../shared/sor-samples/sor-xml-v1/trifork-sdm4-sorimporter/', import.meta.url),
);

/** Fails loudly (not skipped) when the shared samples are missing, e.g. in a CI without them. */
export function requireSamples(): string {
  if (!existsSync(SAMPLES_DIR)) {
    throw new Error(
      `These tests need the real SOR samples at ${SAMPLES_DIR} (../shared/sor-samples beside the repository). They are missing.`,
    );
  }
  return SAMPLES_DIR;
}

/** Hand-written XML fixtures for error cases. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/sor-xml/', import.meta.url));

/** A fresh temporary folder. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sor-snapshot-test-'));
}

/** Runs the CLI in-process, capturing its output. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTty: false,
  });
  return { code, stdout, stderr };
}

/** Every file name below a folder, sorted: to show a folder was left untouched. */
export async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

/** Writes a generated (synthetic) export of `units` units into `dir`; returns its path. */
export async function writeGeneratedExport(
  dir: string,
  options: { units: number; seed?: number; night?: number; name?: string },
): Promise<string> {
  const file = join(dir, options.name ?? 'export.xml');
  let xml = '';
  await generateSorXml({
    units: options.units,
    seed: options.seed ?? 1,
    night: options.night ?? 0,
    write: (chunk) => {
      xml += chunk;
    },
  });
  await writeFile(file, xml);
  return file;
}

/** Every file below a folder with its bytes: to show a folder was left byte-for-byte intact. */
export async function folderBytes(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await listing(dir)) {
    const path = join(dir, name);
    if ((await lstat(path)).isFile()) files.set(name, (await readFile(path)).toString('base64'));
  }
  return files;
}

/**
 * Asserts a CLI failure is one plain line on stderr (no stack trace) and returns it. Progress lines
 * (`reading …`, `read …`) may come before it: a build can fail after it read the export.
 */
export function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => !/^(read|reading) /.test(line));
  if (lines.length !== 2 || lines[1] !== '' || /^\s+at /m.test(stderr)) {
    throw new Error(`expected one line on stderr, got:\n${stderr}`);
  }
  return lines[0];
}
