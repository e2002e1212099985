import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SorUnit } from '../../src/model/types.js';
import { clonedRegister } from '../fixtures/cloned-register.js';
import { buildSnapshot, manifestOf, type BuiltSnapshot } from '../store/snapshot-host.js';

/** The date the Node tests migrate and search on: fixed, so answers do not change with the day. */
export const AS_OF = '2026-11-26';

/** A fresh temporary folder. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sor-node-test-'));
}

/**
 * Writes a snapshot folder (manifest.json + full file, as `sor-snapshot build` lays it out) of
 * `units` into a fresh temporary folder. By default the generated register of the SHAK migration
 * tests: it holds every confidence case (exact, ambiguous, retired-successor, none).
 */
export async function snapshotFolder(
  units: readonly SorUnit[] = clonedRegister({ copies: 12 }),
): Promise<{ dir: string; snapshot: BuiltSnapshot }> {
  const dir = await tempDir();
  const snapshot = await buildSnapshot(units, '2026-11-01');
  await writeFile(join(dir, snapshot.full.url), snapshot.fullBytes);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifestOf(snapshot)));
  return { dir, snapshot };
}
