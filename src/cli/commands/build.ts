import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  MAX_UNIT_DROP_SHARE,
  WARNINGS_SHOWN,
  buildSnapshot,
  countWarningsByRule,
  summariseWarnings,
  type BuildResult,
} from '../build.js';
import { EXIT } from '../cli-error.js';
import { ReadProgress } from '../progress.js';
import { usageError, wholeNumberOption, type CliCommand } from './command.js';

/** The machine-readable summary `build --json` prints: one JSON document on stdout. */
export interface BuildSummary {
  ok: true;
  out: string;
  snapshot: { id: string; sourceDate: string; unitCount: number; synthetic: string | null };
  full: { url: string; bytes: number; jsonBytes: number };
  delta: { url: string; from: string; upserts: number; removed: number; bytes: number } | null;
  deltasInHistory: number;
  firstNight: boolean;
  inputBytes: number;
  seconds: number;
  warnings: {
    count: number;
    byRule: Record<string, number>;
    first: {
      rule: string;
      sorCode: string | null;
      file: string;
      line: number;
      column: number;
      detail?: string;
    }[];
  };
}

function buildSummary(out: string, result: BuildResult, seconds: number): BuildSummary {
  const { manifest, delta } = result;
  return {
    ok: true,
    out,
    snapshot: {
      id: manifest.id,
      sourceDate: manifest.sourceDate,
      unitCount: manifest.unitCount,
      synthetic: manifest.synthetic?.label ?? null,
    },
    full: { url: manifest.full.url, bytes: manifest.full.bytes, jsonBytes: result.fullJsonBytes },
    delta: delta
      ? {
          url: delta.url,
          from: delta.from,
          upserts: delta.upserts,
          removed: delta.removed,
          bytes: delta.bytes,
        }
      : null,
    deltasInHistory: manifest.deltas.length,
    firstNight: result.firstNight !== null,
    inputBytes: result.inputBytes,
    seconds: Number(seconds.toFixed(2)),
    warnings: {
      count: result.warnings.length,
      byRule: Object.fromEntries(countWarningsByRule(result.warnings)),
      first: result.warnings.slice(0, WARNINGS_SHOWN).map((warning) => ({
        rule: warning.rule,
        sorCode: warning.sorCode,
        ...warning.position,
        ...(warning.detail === undefined ? {} : { detail: warning.detail }),
      })),
    },
  };
}

// The output options' help, as other commands with --quiet/--json would word it too.
const OUTPUT_OPTIONS_HELP = `  --quiet              print nothing but errors (no progress, warnings or summary)
  --json               print a machine-readable summary on stdout (for CI logs); errors too, as
                       {"ok":false,"exitCode":N,"error":"…"}`;

/** `sor-snapshot build`: an export into a published snapshot folder. */
export const buildCommand: CliCommand = {
  name: 'build',
  usage:
    'sor-snapshot build <export.xml> --out <dir> [--levels <id27.csv>] [--edi-code-names <codes.csv>] [--previous <dir>] [--history N] [--strict] [--force] [--allow-shrink] [--quiet] [--json]',
  summary: 'SOR XML export → snapshot folder (manifest.json + hash-verified, content-addressed payloads)',
  help: `Streams the export, resolves inheritance, joins ID27 levels and publishes the snapshot into --out:
payloads first (content-addressed, never overwritten), manifest.json replaced atomically last, so
--out can be served directly and always holds a whole snapshot. With --previous, also a delta from
that snapshot and its delta history.

Options:
  --out <dir>          the snapshot folder (required). It must be new, empty, or a folder this
                       tool wrote (it holds a .sor-snapshot marker); a symbolic link is followed
  --levels <id27.csv>  the ID27 side file (SorId;OrganisationalLevelCode;OrganisationalLevelName)
  --edi-code-names <codes.csv>
                       names for the EDI codes of the EAN entities (Kind;Code;Name, e.g.
                       SystemType;1611000045003;Lægesystem); without it the codes are shown
  --previous <dir>     last night's snapshot folder, for the delta; a folder without a snapshot is
                       the first night (built without a delta, exit 0)
  --history N          how many deltas the manifest keeps (default 7)
  --strict             warnings (check digit, empty name, unknown ID27 level) become errors
  --force              write into a non-empty folder that holds no snapshot (nothing there is deleted)
  --allow-shrink       publish even 0 units, or more than ${MAX_UNIT_DROP_SHARE * 100} % fewer units than --previous
${OUTPUT_OPTIONS_HELP}

Progress goes to stderr (a bar on a terminal, a line every 5 s in a log); then the first
${WARNINGS_SHOWN} warnings, and the summary on stdout.

Example (a nightly job; the first night needs no earlier snapshot):
  sor-snapshot build sor-export.xml --levels id27.csv --previous ./snapshot --out ./snapshot`,
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    levels: { type: 'string' },
    'edi-code-names': { type: 'string' },
    previous: { type: 'string' },
    history: { type: 'string' },
    strict: { type: 'boolean' },
    force: { type: 'boolean' },
    'allow-shrink': { type: 'boolean' },
    quiet: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1)
      throw usageError('build', `takes exactly one export file, got ${positionals.length}`);
    if (typeof values.out !== 'string' || values.out === '') throw usageError('build', 'needs --out <dir>');
    const input = positionals[0];
    const out = values.out;
    const quiet = values.quiet === true;
    const json = values.json === true;
    const history =
      values.history === undefined ? undefined : wholeNumberOption('build', values.history, '--history');
    if (history === 0) throw usageError('build', '--history must be at least 1');
    const inputInfo = await stat(input).catch(() => null);
    const progress = quiet
      ? null
      : new ReadProgress({
          write: io.stderr,
          isTty: io.isTty,
          label: basename(input),
          totalBytes: inputInfo?.size ?? null,
        });
    const started = performance.now();
    let result: BuildResult;
    try {
      result = await buildSnapshot({
        input,
        out,
        levelsFile: values.levels as string | undefined,
        ediCodeNamesFile: values['edi-code-names'] as string | undefined,
        previous: values.previous as string | undefined,
        strict: values.strict === true,
        force: values.force === true,
        allowShrink: values['allow-shrink'] === true,
        history,
        onProgress: progress ? (bytes, units) => progress.update(bytes, units) : undefined,
        onRead: progress ? (bytes, units) => progress.finish(bytes, units) : undefined,
      });
    } catch (error) {
      progress?.abandon();
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    const { manifest } = result;
    if (!quiet) {
      if (result.firstNight !== null) {
        io.stderr(
          `--previous ${result.firstNight} holds no snapshot yet: first night, built without a delta\n`,
        );
      }
      for (const line of summariseWarnings(result.warnings)) io.stderr(`${line}\n`);
    }
    if (json) {
      io.stdout(`${JSON.stringify(buildSummary(out, result, seconds))}\n`);
    } else if (!quiet) {
      io.stdout(
        [
          `built ${out}: snapshot ${manifest.id} (${manifest.sourceDate}), ${manifest.unitCount} units${manifest.synthetic ? ' [SYNTHETIC]' : ''}`,
          `  full ${manifest.full.url}: ${manifest.full.bytes} bytes gzip (${(manifest.full.bytes / Math.max(1, manifest.unitCount)).toFixed(1)} B/unit), ${result.fullJsonBytes} bytes JSON`,
          result.delta
            ? `  delta ${result.delta.url}: ${result.delta.upserts} added or changed, ${result.delta.removed} removed, ${result.delta.bytes} bytes`
            : `  no new delta${result.firstNight !== null ? ' (first night)' : values.previous ? ' (same snapshot as --previous)' : ''}`,
          `  ${manifest.deltas.length} delta(s) in history; ${(result.inputBytes / 1e6).toFixed(1)} MB read in ${seconds.toFixed(1)} s`,
          `  ${result.warnings.length} warning(s)`,
        ].join('\n') + '\n',
      );
    }
    return EXIT.ok;
  },
};
