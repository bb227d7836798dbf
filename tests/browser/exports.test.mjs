// Exports in the browser: each chart's PNG (at twice the canvas's CSS size), SVG and CSV, and the
// sites table's CSV, saved through real downloads. Figures are compared with the core library's
// own answer (`expected`, from `cargo run --example expected`) and with public/data, not with
// anything the page wrote; a site named as a spreadsheet formula must come out neutralised.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  serveDist,
  launchBrowser,
  openPage,
  expected,
  poll,
  parseCsv,
  csvLine,
  bodyText,
  waitForChart,
} from './helpers.mjs';

const DEFAULT_DATE = '2021-03-31';
const STATUSES = ['verified', 'corroborated', 'derived', 'estimate', 'unverified'];
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'manifest.json'), 'utf8'));

let server;
let browser;
let exp;

before(async () => {
  exp = { eng: expected('ENG', DEFAULT_DATE), london: expected('E40000003', DEFAULT_DATE) };
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The app (optionally with `sitesCsv` in place of sites.csv), once the main chart is drawn. */
async function loadApp(sitesCsv) {
  const session = await openPage(browser.context);
  if (sitesCsv !== undefined) {
    await session.page.route('**/data/sites.csv', (route) =>
      route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body: sitesCsv }),
    );
  }
  await session.page.goto(server.url);
  try {
    await session.page.locator('#export-trajectory-csv').waitFor({ state: 'attached', timeout: 10_000 });
  } catch (err) {
    const text = await bodyText(session.page).catch(() => '?');
    throw new Error(
      `the export buttons did not appear within 10 s.\npage errors: ${JSON.stringify(session.pageErrors)}\n` +
        `console errors: ${JSON.stringify(session.consoleErrors)}\nbody text: ${text.slice(0, 500)}`,
      { cause: err },
    );
  }
  await waitForChart(session.page);
  return session;
}

/** Clicks `selector` and returns the download: its suggested name and its bytes. */
async function download(page, selector) {
  const button = page.locator(selector);
  await button.scrollIntoViewIfNeeded();
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), button.click()]);
  const failure = await d.failure();
  assert.equal(failure, null, `download from ${selector} failed`);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

/** An export CSV: the preamble as a Map, the header, the data rows (as objects by column). */
function readExport(bytes) {
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark (for Excel)');
  const lines = parseCsv(text.slice(1));
  const blank = lines.findIndex((r) => r.length === 1 && r[0] === '');
  assert.ok(blank > 0, 'a blank line between the preamble and the table');
  const preamble = new Map(lines.slice(0, blank).map((r) => [r[0], r[1]]));
  const [header, ...rest] = lines.slice(blank + 1).filter((r) => !(r.length === 1 && r[0] === ''));
  for (const r of rest) assert.equal(r.length, header.length, `row width: ${JSON.stringify(r)}`);
  const rows = rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { text, preamble, header, rows, cells: lines.flat() };
}

/** No cell that a spreadsheet would run: one starting with a trigger must be a plain number. */
function assertNoLiveFormulas(cells) {
  for (const c of cells) {
    if (TRIGGERS.some((t) => c.startsWith(t))) {
      assert.ok(/^-?\d+(\.\d+)?$/.test(c), `a live formula in the export: ${JSON.stringify(c)}`);
    }
  }
}

function assertStatusAndSource(rows, sourceColumn) {
  assert.ok(rows.length > 0);
  for (const r of rows) {
    assert.ok(STATUSES.includes(r.Status), `status ${JSON.stringify(r.Status)} in ${JSON.stringify(r)}`);
    assert.ok(r[sourceColumn] && r[sourceColumn].trim(), `no source in ${JSON.stringify(r)}`);
  }
}

/** A PNG's pixel size from its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('trajectory chart: SVG names the chart and its legend; file name says what, where and when', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const button = page.locator('#export-trajectory-svg');
    assert.match(await button.getAttribute('aria-label'), /^Download the .+ chart as SVG$/);
    const { name, bytes } = await download(page, '#export-trajectory-svg');
    assert.equal(name, `coverboard-trajectory-england-${DEFAULT_DATE}.svg`);
    const svg = bytes.toString('utf8');
    assert.ok(svg.startsWith('<svg'), svg.slice(0, 80));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
    for (const label of [
      'Population covered by new care models: England',
      'Share of population covered',
      `Target ${(manifest.target.share * 100).toFixed(1)}%`,
      'Vanguards (PACS, MCP, EHCH, UEC)',
      'ACS/ICS',
      'Either (each person once)',
    ]) {
      assert.ok(svg.includes(label), `the SVG has ${JSON.stringify(label)}`);
    }
    // Balanced: as many closing </text> as opening <text.
    assert.equal(svg.split('<text').length, svg.split('</text>').length);
    assert.match(await page.locator('.export-status').first().innerText(), /Saved coverboard-trajectory-england/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('trajectory chart: CSV has "Data as at", the core figure at the as-at date, a status and source on every row', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const { name, bytes } = await download(page, '#export-trajectory-csv');
    assert.equal(name, `coverboard-trajectory-england-${DEFAULT_DATE}.csv`);
    const csv = readExport(bytes);
    assert.equal(csv.preamble.get('Data as at'), manifest.data_as_at);
    assert.equal(csv.preamble.get('As at'), DEFAULT_DATE);
    assert.match(csv.preamble.get('Area'), /^England/);
    assert.match(csv.preamble.get('Definition'), /^People living in the footprint/);
    assertStatusAndSource(csv.rows, 'Source');
    assertNoLiveFormulas(csv.cells);
    const row = csv.rows.find((r) => r.Date === DEFAULT_DATE && r.Row === 'coverage' && r.Series === 'Either (each person once)');
    assert.ok(row, 'a row for the headline series at the as-at date');
    assert.ok(Math.abs(Number(row.Share) - exp.eng.share) < 1e-6, `share ${row.Share} vs core ${exp.eng.share}`);
    assert.equal(Number(row['People covered']), exp.eng.covered);
    assert.equal(Number(row.Population), exp.eng.base);
    assert.equal(row.Status, 'derived');
    assert.ok(csv.rows.some((r) => r.Row === 'published figure'), 'the published milestones');

    // Another area: the file name and the figure follow the filter.
    await page.selectOption('select#region-select', 'E40000003');
    const london = await poll(async () => {
      const d = await download(page, '#export-trajectory-csv');
      return d.name.includes('london') ? d : null;
    });
    assert.equal(london.name, `coverboard-trajectory-london-${DEFAULT_DATE}.csv`);
    const l = readExport(london.bytes);
    const lrow = l.rows.find((r) => r.Date === DEFAULT_DATE && r.Row === 'coverage' && r.Series === 'Either (each person once)');
    assert.ok(Math.abs(Number(lrow.Share) - exp.london.share) < 1e-6, `London share ${lrow.Share} vs ${exp.london.share}`);
    assert.equal(l.rows.filter((r) => r.Row === 'published figure').length, 0, 'published figures are for England');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('trajectory chart: PNG is twice the canvas\'s CSS size', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const css = await page.locator('canvas#coverage-chart').evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
    assert.ok(css.width > 200 && css.height > 100, JSON.stringify(css));
    const { name, bytes } = await download(page, '#export-trajectory-png');
    assert.equal(name, `coverboard-trajectory-england-${DEFAULT_DATE}.png`);
    const size = pngSize(bytes);
    assert.equal(size.width, 2 * css.width);
    assert.equal(size.height, 2 * css.height);
    assert.ok(bytes.length > 10_000, `a drawn chart, not a blank image (${bytes.length} bytes)`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('regions, model types and map: CSV figures match the core, SVG and PNG download', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const regions = await download(page, '#export-regions-csv');
    assert.equal(regions.name, `coverboard-regions-england-${DEFAULT_DATE}.csv`);
    const r = readExport(regions.bytes);
    assertStatusAndSource(r.rows, 'Source');
    assertNoLiveFormulas(r.cells);
    for (const want of exp.eng.regions) {
      const row = r.rows.find((x) => x['Region code'] === want.code);
      assert.ok(row, `a row for ${want.name}`);
      assert.equal(`${(Number(row.Share) * 100).toFixed(1)}%`, want.share_text, want.name);
    }
    const regionsSvg = await download(page, '#export-regions-svg');
    assert.ok(regionsSvg.bytes.toString('utf8').includes('Coverage by NHS region at 31 Mar 2021'));

    const models = await download(page, '#export-model-types-csv');
    assert.equal(models.name, `coverboard-model-types-england-${DEFAULT_DATE}.csv`);
    const m = readExport(models.bytes);
    assertStatusAndSource(m.rows, 'Source');
    const at = m.rows.find((x) => x.Date === DEFAULT_DATE);
    const anyColumn = m.header.find((h) => h.startsWith('Any counted type'));
    assert.equal(`${(Number(at[anyColumn]) / 1e6).toFixed(1)} million`, exp.eng.models.union_text);
    const modelsPng = await download(page, '#export-model-types-png');
    const css = await page.locator('canvas#models-chart').evaluate((c) => c.clientWidth);
    assert.equal(pngSize(modelsPng.bytes).width, 2 * css);

    // The map's exports appear once the map (and its boundaries) is shown.
    assert.equal(await page.locator('#export-map-svg').count(), 0, 'no map exports before the map is loaded');
    await page.locator('#map-toggle').click();
    await page.locator('#export-map-svg').waitFor({ state: 'visible', timeout: 10_000 });
    await waitForChart(page, { selector: 'canvas#map-canvas' });
    const mapSvg = await download(page, '#export-map-svg');
    assert.equal(mapSvg.name, `coverboard-map-stps-coverage-england-${DEFAULT_DATE}.svg`);
    const svg = mapSvg.bytes.toString('utf8');
    assert.ok(svg.startsWith('<svg') && svg.includes('Coverage by STP at 31 Mar 2021'));
    assert.ok(svg.includes('<polygon') || svg.includes('<path'), 'areas drawn');
    const mapCsv = readExport((await download(page, '#export-map-csv')).bytes);
    assertStatusAndSource(mapCsv.rows, 'Source');
    assert.ok(mapCsv.rows.length >= 40, 'every STP');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('sites CSV: the listed rows, a site named as a formula neutralised, no live formulas', { timeout: 60_000 }, async () => {
  const real = fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'sites.csv'), 'utf8');
  const [header, ...rows] = parseCsv(real).filter((r) => r.length > 1);
  const col = (name) => header.findIndex((h) => h.trim().replace(/^\uFEFF/, '').toLowerCase() === name);
  // A copy of a real ACS/ICS row (so it is listed and counts), with a new id and a hostile name.
  const template = rows.find((r) => r[col('model')] === 'ICS' && !r[col('live_to')]);
  const hostile = [...template];
  hostile[col('site_id')] = 'X-FORMULA';
  hostile[col('name')] = '=HYPERLINK("http://x","click")';
  hostile[col('note')] = '@SUM(1+1)';
  const body = real.replace(/\r?\n?$/, '\n') + csvLine(hostile) + '\n';

  const { page, pageErrors } = await loadApp(body);
  try {
    const button = page.locator('#export-sites-csv');
    await page.locator('#sites-table tbody tr[data-site-id]').first().waitFor({ state: 'attached' });
    // The rows listed, as the table counts them (only those in its view are drawn).
    const count = (await page.locator('#sites-count').textContent()).match(/^Showing ([\d,]+) of /);
    assert.ok(count, 'the table says how many rows it lists');
    const listed = Number(count[1].replace(/,/g, ''));
    assert.equal(listed, 84, 'the 83 listed by default and the hostile ICS');
    assert.equal(Number(await page.locator('#sites-table').getAttribute('aria-rowcount')), listed + 1);
    assert.equal((await button.textContent()).trim(), `Download these ${listed} rows as CSV`);
    const { name, bytes } = await download(page, '#export-sites-csv');
    assert.equal(name, `coverboard-sites-england-${DEFAULT_DATE}.csv`);
    const csv = readExport(bytes);
    assert.equal(csv.rows.length, listed, 'the rows listed on screen');
    const row = csv.rows.find((r) => r['Site ID'] === 'X-FORMULA');
    assert.ok(row, 'the hostile site is exported');
    assert.equal(row.Site, `'=HYPERLINK("http://x","click")`);
    assert.equal(row.Note, `'@SUM(1+1)`);
    assertNoLiveFormulas(csv.cells);
    assertStatusAndSource(csv.rows, 'Source URL');

    // A search narrows the export to the rows it lists.
    await page.fill('#sites-search', 'HYPERLINK');
    await poll(async () => (await button.textContent()).trim() === 'Download this 1 row as CSV');
    const narrowed = readExport((await download(page, '#export-sites-csv')).bytes);
    assert.deepEqual(narrowed.rows.map((r) => r['Site ID']), ['X-FORMULA']);
    // The page shows the name as the text it is.
    assert.ok((await page.locator('#sites-table').textContent()).includes('=HYPERLINK("http://x","click")'));
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});
