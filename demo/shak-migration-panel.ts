import type { SorCatalog } from '../src/catalog/catalog.js';
import { parseShakList, shakMigrationCsv, type ShakMigration } from '../src/catalog/shak-migration.js';
import { todayIso } from '../src/model/dates.js';

const CONFIDENCE_LABEL: Record<ShakMigration['confidence'], string> = {
  exact: 'Entydig / exact',
  ambiguous: 'Flertydig / ambiguous',
  'retired-successor': 'Nedlagt → efterfølger / retired → successor',
  none: 'Ingen / none',
};

/**
 * SHAK codes worth trying in a catalog: a hospital's sygehus code, one of its afdelinger and
 * afsnit, a SHAK shared by several units or left by a retired one where the data has them, and
 * one that exists nowhere. Read from the data, so each data set gets codes that mean something.
 */
export function sampleShakCodes(catalog: SorCatalog): string[] {
  const codes = new Set<string>();
  const hospital = catalog
    .children(null)
    .flatMap((owner) => catalog.children(owner.sorCode))
    .find((institution) => institution.shak !== null && catalog.children(institution.sorCode).length > 0);
  let unit = hospital;
  while (unit && codes.size < 3) {
    if (unit.shak) codes.add(unit.shak);
    unit =
      catalog.children(unit.sorCode).find((child) => child.shak !== null) ??
      catalog.children(unit.sorCode)[0];
  }
  for (const candidate of hospital ? catalog.children(hospital.sorCode) : []) {
    for (const child of catalog.children(candidate.sorCode)) {
      if (child.shak && !codes.has(child.shak) && catalog.byShak(child.shak).length > 1) {
        codes.add(child.shak);
        break;
      }
    }
    if (codes.size >= 4) break;
  }
  codes.add('9999');
  return [...codes];
}

/**
 * Mounts the SHAK → SOR migration panel into `container` (replacing its content): paste SHAK codes
 * (one a line, or CSV), get SHAK → SOR code, name, ID27 level and confidence, and download the
 * table as CSV. `catalog` may be a function, so the panel follows a data set switch.
 * Returns a function that refills the text box with sample codes from the current catalog.
 */
export function mountShakMigrationPanel(
  container: HTMLElement,
  catalog: SorCatalog | (() => SorCatalog),
): () => void {
  const current = () => (typeof catalog === 'function' ? catalog() : catalog);
  const form = document.createElement('form');
  form.className = 'shak-migration';
  form.innerHTML = `
    <label for="shak-input">SHAK-koder (én pr. linje eller CSV) / SHAK codes</label>
    <textarea id="shak-input" rows="6" spellcheck="false">6620011\n1301011\n3800012\n662001\n9999</textarea>
    <div class="toolbar">
      <button type="submit">Konvertér / Convert</button>
      <button type="button" data-download disabled>Hent CSV / Download CSV</button>
      <span role="status" data-status></span>
    </div>
    <table hidden>
      <caption>SHAK → SOR</caption>
      <thead><tr><th scope="col">SHAK</th><th scope="col">SOR</th><th scope="col">Navn / Name</th>
        <th scope="col">ID27</th><th scope="col">Sikkerhed / Confidence</th></tr></thead>
      <tbody></tbody>
    </table>`;
  const textarea = form.querySelector('textarea')!;
  const download = form.querySelector<HTMLButtonElement>('[data-download]')!;
  const status = form.querySelector<HTMLElement>('[data-status]')!;
  const table = form.querySelector('table')!;
  const body = form.querySelector('tbody')!;
  let rows: ShakMigration[] = [];

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const asOf = todayIso();
    rows = parseShakList(textarea.value).map((code) => current().migrateShak(code, asOf));
    // Cells are filled through textContent: names from the data are never parsed as HTML.
    body.replaceChildren(
      ...rows.map((row) => {
        const tr = document.createElement('tr');
        tr.dataset.confidence = row.confidence;
        const cells = [
          row.shak,
          row.sorCode ?? '—',
          row.name ?? (row.candidates.length ? row.candidates.map((c) => c.name).join(', ') : '—'),
          row.level?.name ?? '—',
          CONFIDENCE_LABEL[row.confidence],
        ];
        for (const text of cells) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
    table.hidden = rows.length === 0;
    download.disabled = rows.length === 0;
    status.textContent = `${rows.length} SHAK → SOR`;
  });

  download.addEventListener('click', () => {
    // A BOM so spreadsheet programs read æøå correctly.
    const blob = new Blob(['\ufeff', shakMigrationCsv(rows)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `shak-sor-${todayIso()}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  });

  container.replaceChildren(form);
  return () => {
    if (current().isReady) textarea.value = sampleShakCodes(current()).join('\n');
  };
}
