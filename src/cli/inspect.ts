import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { SorUnit } from '../model/types.js';
import { ID27_LEVEL_NAMES } from '../model/id27.js';
import type { SnapshotManifest } from '../snapshot/format.js';
import {
  MANIFEST_FILE,
  fileInFolder,
  readManifest,
  readSnapshotDelta,
  readSnapshotUnits,
} from './snapshot-dir.js';
import { addressingLines, regionLabel } from './inspect-addressing.js';

/** What `inspect` found: the manifest, the counts and whether every file matched its hash. */
export interface InspectReport {
  manifest: SnapshotManifest;
  units: SorUnit[];
  /** One line per file: `ok` or the mismatch. */
  files: { url: string; ok: boolean; message: string }[];
  lines: string[];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts];
}

/**
 * Reads a snapshot folder (or its manifest), verifies the SHA-256 of every file the manifest lists
 * and reports counts per kind, ID27 level and region, the date range and the delta history.
 */
export async function inspectSnapshot(dirOrManifest: string): Promise<InspectReport> {
  const { dir, manifest } = await readManifest(dirOrManifest);
  const files: InspectReport['files'] = [];
  // Every name is checked before any file is read: a manifest naming `../secret` reads nothing.
  const paths = [manifest.full, ...manifest.deltas].map((ref) =>
    fileInFolder(
      dir,
      ref.url,
      `${join(dir, MANIFEST_FILE)}: ${ref === manifest.full ? 'full' : 'delta'} url`,
    ),
  );
  for (const [index, ref] of [manifest.full, ...manifest.deltas].entries()) {
    const bytes = await readFile(paths[index]).catch(() => null);
    const actual = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    files.push({
      url: ref.url,
      ok: actual === ref.sha256 && bytes?.byteLength === ref.bytes,
      message:
        actual === null
          ? 'missing'
          : actual === ref.sha256
            ? `ok (${ref.bytes} bytes)`
            : `SHA-256 mismatch: expected ${ref.sha256}, got ${actual}`,
    });
  }
  const fullOk = files[0].ok;
  const units = fullOk ? await readSnapshotUnits(dir, manifest) : [];
  for (const ref of manifest.deltas) {
    const entry = files.find((file) => file.url === ref.url);
    if (entry?.ok) await readSnapshotDelta(dir, ref);
  }

  const lines = [
    `snapshot ${manifest.id}  source date ${manifest.sourceDate}  built ${manifest.createdAt}`,
    `format ${manifest.format} v${manifest.version}  units ${manifest.unitCount}${manifest.synthetic ? `  SYNTHETIC: ${manifest.synthetic.label}` : ''}`,
  ];
  if (fullOk) {
    lines.push(
      `kinds: ${countBy(units, (unit) => unit.kind)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}`,
    );
    const levels = new Map(countBy(units, (unit) => unit.level?.name ?? '(none)'));
    const levelOrder = [
      ...ID27_LEVEL_NAMES,
      ...[...levels.keys()].filter((name) => !(ID27_LEVEL_NAMES as readonly string[]).includes(name)),
    ];
    lines.push(
      `ID27 levels: ${levelOrder
        .filter((name) => levels.has(name))
        .map((name) => `${name} ${levels.get(name)}`)
        .join(', ')}`,
    );
    lines.push(
      `regions: ${countBy(units, (unit) => regionLabel(unit.regionCode))
        .sort()
        .map(([region, n]) => `${region} ${n}`)
        .join(', ')}`,
    );
    const from = units
      .map((unit) => unit.validFrom)
      .filter((date): date is string => date !== null)
      .sort();
    const retired = units.filter((unit) => unit.validTo !== null).length;
    lines.push(
      `valid from ${from[0] ?? '-'} to ${from[from.length - 1] ?? '-'}; ${retired} units with a closing date`,
    );
    lines.push(...addressingLines(units, manifest.sourceDate));
  }
  lines.push(`deltas: ${manifest.deltas.length === 0 ? 'none' : ''}`);
  for (const ref of manifest.deltas)
    lines.push(`  ${ref.from} → ${ref.to}: ${ref.upserts} added or changed, ${ref.removed} removed`);
  lines.push('files:');
  for (const file of files) lines.push(`  ${file.ok ? 'ok  ' : 'FAIL'} ${file.url}: ${file.message}`);
  return { manifest, units, files, lines };
}
