// An analyst's own list of 3,000 sites with 20 footprint codes each, picked in the own-data panel:
// the table counts them all, scrolling its box to the bottom shows the last site, sorting puts
// the right site first, the keys reach rows not drawn yet, and the charts and figures follow the
// new data (the core, reading the same file natively, agrees). Nothing here is timed: the
// benchmark for 10,000 sites is bench/scale.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, serveDist, launchBrowser, openPage, poll, parseCsv, csvLine, expected, canvasStats, waitForChart, textOf } from './helpers.mjs';

const N = 3000;
const CODES = 20;
const ROWS = '#sites-table tbody tr[data-site-id]';
const DATE = '2021-03-31';

// --- the file: 3,000 generated sites, three of them known ----------------------------------------

const [areaHeader, ...areaRows] = parseCsv(fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'areas.csv'), 'utf8')).filter((r) => r.length > 1);
const lads = [...new Set(areaRows.map((r) => r[areaHeader.indexOf('lad_code')]))];
const pieces = areaRows.map((r) => r[areaHeader.indexOf('piece_id')]);

const HEADER = ['site_id', 'name', 'model', 'live_from', 'live_to', 'footprint', 'footprint_fit', 'counts_population', 'status', 'source_url'];
const MODELS = ['PACS', 'MCP', 'EHCH', 'UEC', 'ICS'];
const pad = (n) => String(n).padStart(2, '0');

function siteRows() {
  const rows = [];
  for (let i = 1; i <= N - 3; i++) {
    // 20 codes: pieces and districts round the country from a starting point, 10 of each.
    const codes = [];
    for (let k = 0; k < CODES; k++) {
      codes.push(k % 2 ? lads[(i * 7 + k) % lads.length] : pieces[(i * 11 + k) % pieces.length]);
    }
    const year = 2015 + (i % 7);
    const from = i % 5 === 0 ? `${year}-${pad(1 + (i % 12))}` : `${year}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;
    rows.push([`S${String(i).padStart(5, '0')}`, `Scale site ${i}`, MODELS[i % MODELS.length], from, '', codes.join(';'), 'whole', 'yes', 'estimate', `https://example.org/site/${i}`]);
  }
  // The largest footprint (all England), the first by name, and the last to go live.
  rows.push(['ENGLAND-WIDE', 'Whole country system', 'ICS', '2016-06-01', '', 'E92000001', 'whole', 'yes', 'estimate', '']);
  rows.push(['FIRST-NAME', 'Aardvark Health Partnership', 'MCP', '2018-02-01', '', lads[0], 'whole', 'yes', 'estimate', '']);
  rows.push(['Z-LAST', 'Zenith Last Partnership', 'PACS', '2022-03-31', '', lads[1], 'whole', 'yes', 'estimate', '']);
  return rows;
}

const FILE = path.join(os.tmpdir(), `coverboard-scale-${process.pid}.csv`);

let server;
let browser;

before(async () => {
  fs.writeFileSync(FILE, [HEADER, ...siteRows()].map(csvLine).join('\n') + '\n');
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(FILE, { force: true });
});

/** The row that has the keyboard focus: its aria-rowindex, or null. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.matches('#sites-table tbody tr[data-site-id]') ? Number(el.getAttribute('aria-rowindex')) : null;
  });

/** Whether the element `selector` lies within the sites table's scroll box's view. */
const inBox = (page, selector) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const box = document.querySelector('.sites-scroll').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  }, selector);

const firstRowId = (page) => page.locator(ROWS).first().getAttribute('data-site-id');

test(`an own file of ${N.toLocaleString('en-GB')} sites × ${CODES} codes: counted, scrolled to the end, sorted, keys, charts follow`, { timeout: 180_000 }, async (t) => {
  const { page, pageErrors, consoleErrors } = await openPage(browser.context);
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url);
    await page.locator('#headline-coverage').waitFor({ timeout: 20_000 });
    const before = await waitForChart(page);
    const drawnBefore = Number(await page.locator('canvas#coverage-chart').getAttribute('data-drawn'));

    const t0 = Date.now();
    await page.locator('#own-file').setInputFiles(FILE);
    await page.locator('#own-summary').waitFor({ timeout: 60_000 });
    assert.equal((await textOf(page.locator('#own-summary'))), `${N} rows read: ${N} accepted, 0 rejected`);
    const want = `Showing ${N.toLocaleString('en-GB')} of ${N.toLocaleString('en-GB')} sites.`;
    await poll(async () => (await textOf(page.locator('#sites-count'))) === want, { timeout: 60_000 });
    assert.equal(await textOf(page.locator('#sites-count')), want);
    t.diagnostic(`${N} sites: table counted ${Date.now() - t0} ms after the pick`);
    assert.equal(await page.locator('#sites-table').getAttribute('aria-rowcount'), String(N + 1));

    // The figures and charts follow the new data: the core, reading the file natively, agrees.
    const core = expected('ENG', DATE, '--sites', FILE);
    assert.equal((await textOf(page.locator('#headline-coverage'))), core.share_text);
    await waitForChart(page, { notHash: before.hash });
    assert.ok(Number(await page.locator('canvas#coverage-chart').getAttribute('data-drawn')) > drawnBefore, 'main chart redrawn');
    const regions = page.locator('#regions-table tbody tr[data-region]');
    await poll(async () => (await regions.count()) === 7);
    const shares = await regions.evaluateAll((trs) => trs.map((tr) => [tr.dataset.region, tr.querySelector('td').textContent.trim()]));
    assert.deepEqual(shares, core.regions.map((r) => [r.code, r.share_text]), 'regions table: the core\'s figures and order');
    const regionsChart = page.locator('canvas#regions-chart');
    await regionsChart.scrollIntoViewIfNeeded();
    await waitForChart(page, { selector: 'canvas#regions-chart' });

    // The table: the first rows drawn, far fewer than the list (the rest are drawn when scrolled to).
    const table = page.locator('#sites-table');
    await table.scrollIntoViewIfNeeded();
    const drawn = await page.locator(ROWS).count();
    t.diagnostic(`rows in the page: ${drawn} of ${N}`);
    assert.ok(drawn > 0 && drawn < 200, `${drawn} rows drawn of ${N}`);
    assert.equal(await page.locator(`${ROWS}[aria-rowindex="2"]`).count(), 1, 'the first row is drawn');

    // Scrolled to the bottom: the last site to go live is the last row, in view.
    const last = `${ROWS}[data-site-id="Z-LAST"]`;
    await poll(async () => {
      await page.evaluate(() => { const b = document.querySelector('.sites-scroll'); b.scrollTop = b.scrollHeight; });
      return (await page.locator(last).count()) === 1 && (await inBox(page, last));
    }, { timeout: 10_000 });
    assert.equal(await page.locator(last).getAttribute('aria-rowindex'), String(N + 1));
    assert.ok(await inBox(page, last), 'the last row is in the box\'s view');
    assert.equal(await textOf(page.locator(`${last} th .name`)), 'Zenith Last Partnership');

    // Sorting: largest population first, then by name; the list starts again at the top.
    await page.locator('#sites-table th.col-population button').click();
    await poll(async () => (await firstRowId(page)) === 'ENGLAND-WIDE');
    assert.equal(await firstRowId(page), 'ENGLAND-WIDE');
    assert.ok(await inBox(page, `${ROWS}[data-site-id="ENGLAND-WIDE"]`), 'the first row is in view after sorting');
    await page.locator('#sites-table th.col-name button').click();
    await poll(async () => (await firstRowId(page)) === 'FIRST-NAME');
    assert.equal(await firstRowId(page), 'FIRST-NAME');

    // The keys reach rows not drawn: End focuses the last row (by name, "Zenith…"), Home the first.
    await page.locator(`${ROWS}[data-site-id="FIRST-NAME"]`).focus();
    await page.keyboard.press('End');
    await poll(async () => (await focused(page)) === N + 1);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-site-id')), 'Z-LAST');
    await page.keyboard.press('Home');
    await poll(async () => (await focused(page)) === 2);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-site-id')), 'FIRST-NAME');

    // A search over all 3,000 finds one deep in the list.
    await page.locator('#sites-search').fill('S02345');
    await poll(async () => (await textOf(page.locator('#sites-count'))) === `Showing 1 of ${N.toLocaleString('en-GB')} sites.`);
    assert.equal(await firstRowId(page), 'S02345');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await page.close();
  }
});
