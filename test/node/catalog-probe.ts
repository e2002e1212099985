import type { SorCatalog } from '../../src/catalog/catalog.js';
import type { SorUnit } from '../../src/model/types.js';

/** What to ask a catalog: a sample of its codes, SHAK codes and search queries. */
export interface ProbeSample {
  sorCodes: string[];
  shaks: string[];
  queries: string[];
  asOf: string;
}

/** Every answer of `probeCatalog`, as plain JSON, so two runtimes' answers compare with deepEqual. */
export type ProbeAnswers = Record<string, unknown>;

/**
 * A sample of a register: every 7th unit's code, every SHAK code carried, queries made from names
 * (a word, a prefix, a typo), codes and a postcode.
 */
export function probeSample(units: readonly SorUnit[], asOf: string): ProbeSample {
  const sorCodes = units.filter((_, i) => i % 7 === 0).map((unit) => unit.sorCode);
  const shaks = [...new Set(units.flatMap((unit) => (unit.shak ? [unit.shak] : [])))].sort();
  const queries: string[] = [];
  for (const unit of units.filter((_, i) => i % 23 === 0)) {
    const word = unit.name.split(/\s+/)[0];
    queries.push(word, word.slice(0, 4), `${word.slice(0, -1)}x`, unit.sorCode);
    if (unit.address?.postcode) queries.push(unit.address.postcode);
  }
  return { sorCodes, shaks, queries: [...new Set(queries)], asOf };
}

/**
 * Asks a catalog every method a back end uses — `get`, `select`, `ancestors`, `byShak`,
 * `migrateShak`, `search` — for the sample. The same function runs in Node and in the browser
 * (bundled into the comparison page), so both runtimes are asked exactly the same.
 */
export async function probeCatalog(catalog: SorCatalog, sample: ProbeSample): Promise<ProbeAnswers> {
  const answers: ProbeAnswers = { size: catalog.size, snapshot: catalog.snapshot };
  for (const code of sample.sorCodes) {
    answers[`get ${code}`] = catalog.get(code) ?? null;
    answers[`select ${code}`] = catalog.select(code);
    answers[`ancestors ${code}`] = catalog.ancestors(code).map((unit) => unit.sorCode);
  }
  for (const shak of sample.shaks) {
    answers[`byShak ${shak}`] = catalog.byShak(shak, sample.asOf).map((unit) => unit.sorCode);
    answers[`migrateShak ${shak}`] = catalog.migrateShak(shak, sample.asOf);
  }
  for (const query of sample.queries) {
    const hits = await catalog.search(query, { limit: 10, filter: { asOf: sample.asOf } });
    answers[`search ${query}`] = hits.map((hit) => [hit.unit.sorCode, hit.score, hit.matchedBy, hit.ranges]);
  }
  return JSON.parse(JSON.stringify(answers)) as ProbeAnswers;
}
