// The map view with the real data: boundaries fetched only when the map is opened (then cached),
// figures equal to the core's, click / table button / keyboard filtering, tooltips with value,
// status and source, designation colouring, a missing boundary file, and accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serveDist, launchBrowser, openPage, expected, waitForChart, waitForText, poll, canvasStats } from './helpers.mjs';

const DATE = '2021-03-31';
const MAP = 'canvas#map-canvas';
const ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2021.';

let server;
let browser;
let exp;

before(async () => {
  // cargo first (it may have to build the example), then the server and the browser.
  exp = {
    eng: expected('ENG', DATE),
    syb: expected('E54000009', DATE),
    staffs: expected('E54000010', DATE),
    nwl: expected('E54000027', DATE),
    syb2019ics: expected('E54000009', '2019-06-30', '--models', 'ICS'),
    staffs2019ics: expected('E54000010', '2019-06-30', '--models', 'ICS'),
  };
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with the headline shown; `geojson` lists every boundary file the page asks for. */
async function loadApp() {
  const session = await openPage(browser.context);
  const geojson = [];
  session.page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.geojson')) geojson.push(path);
  });
  await session.page.goto(server.url);
  await session.page.locator('#headline-coverage').waitFor({ state: 'visible', timeout: 10_000 });
  return { ...session, geojson };
}

async function openMap(page) {
  await page.locator('#map-toggle').click();
  return waitForChart(page, { selector: MAP });
}

/** The map table's row for an area (the table is in a <details>; text is read as textContent). */
function row(page, code) {
  return page.locator(`#map-table tr[data-code="${code}"]`);
}

async function rowValue(page, code) {
  return (await row(page, code).locator('td.value').textContent()).trim();
}

async function waitForRowValue(page, code, want) {
  let last = null;
  await poll(async () => {
    last = (await row(page, code).count()) ? await rowValue(page, code) : null;
    return last === want;
  });
  return last;
}

/** An area's inside point on the canvas, in CSS pixels (from the row's data-map-x / data-map-y). */
async function areaPoint(page, code) {
  const r = row(page, code);
  await poll(async () => (await r.getAttribute('data-map-x')) !== null);
  const x = Number(await r.getAttribute('data-map-x'));
  const y = Number(await r.getAttribute('data-map-y'));
  assert.ok(Number.isFinite(x) && Number.isFinite(y), `a map position for ${code}`);
  return { x, y };
}

/** Clicks the map at an area (Playwright scrolls the canvas into view first). */
async function clickArea(page, code) {
  await page.locator(MAP).click({ position: await areaPoint(page, code) });
}

async function setDate(page, date) {
  await page.locator('#asat-date').fill(date);
  await page.locator('#asat-date').dispatchEvent('change');
}

test('the boundaries are fetched only when the map is opened, then kept', { timeout: 60_000 }, async () => {
  const { page, pageErrors, consoleErrors, geojson } = await loadApp();
  try {
    await waitForChart(page); // the main chart: the dashboard is up
    await page.waitForTimeout(500);
    assert.deepEqual(geojson, [], 'no boundary file at start-up');
    assert.equal(await page.locator('#map-toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator(MAP).isVisible(), false, 'no map before it is asked for');
    // The figures are text before the map is opened.
    assert.equal(await row(page, 'E54000009').count(), 1);

    const stats = await openMap(page);
    assert.ok(stats.distinct > 5 && stats.nonBackground > stats.total * 0.2, `map drawn: ${JSON.stringify(stats)}`);
    assert.deepEqual(geojson, ['/data/stp.geojson']);
    assert.equal(await page.locator('#map-toggle').getAttribute('aria-expanded'), 'true');
    assert.equal((await page.locator('#map-attribution').textContent()).trim(), ATTRIBUTION);
    assert.equal(await page.locator('#map-table tbody tr').count(), 42);

    // NHS regions: their file, once; 7 rows; a different picture.
    await page.locator('#map-level-region').check();
    const regions = await waitForChart(page, { selector: MAP, notHash: stats.hash });
    assert.deepEqual(geojson, ['/data/stp.geojson', '/data/regions.geojson']);
    await poll(async () => (await page.locator('#map-table tbody tr').count()) === 7);
    assert.equal(await page.locator('#map-table tbody tr').count(), 7);
    assert.equal(await rowValue(page, 'E40000003'), expected('E40000003', DATE).share_text);

    // Back to STPs, hide and show: nothing fetched again.
    await page.locator('#map-level-stp').check();
    await waitForChart(page, { selector: MAP, notHash: regions.hash });
    await page.locator('#map-toggle').click();
    assert.equal(await page.locator(MAP).isVisible(), false);
    await openMap(page);
    assert.deepEqual(geojson, ['/data/stp.geojson', '/data/regions.geojson'], 'cached');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await page.close();
  }
});

test('each area\'s figure equals the core and follows the date and the definition', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const before = await openMap(page);
    await page.locator('#map-table-details summary').click();
    assert.equal(await waitForRowValue(page, 'E54000009', exp.syb.share_text), exp.syb.share_text);
    assert.equal(await rowValue(page, 'E54000010'), exp.staffs.share_text);
    assert.equal(Number(await row(page, 'E54000009').getAttribute('data-share')), exp.syb.share);
    const cells = await row(page, 'E54000009').locator('td').allTextContents();
    assert.ok(cells.some((c) => c.trim() === 'derived'), `status derived in ${cells}`);
    assert.ok(cells.some((c) => c.includes('union of footprints over ONS mid-2021 populations')), `source in ${cells}`);

    // ACS/ICS only, 30 June 2019: South Yorkshire and Bassetlaw (an ACS since June 2017) all
    // covered, Staffordshire (an ICS from April 2021) none.
    for (const m of ['pacs', 'mcp', 'ehch', 'uec']) await page.locator(`#model-${m}`).uncheck();
    await setDate(page, '2019-06-30');
    assert.equal(await waitForRowValue(page, 'E54000009', exp.syb2019ics.share_text), '100.0%');
    assert.equal(await rowValue(page, 'E54000010'), exp.staffs2019ics.share_text);
    assert.equal(exp.staffs2019ics.share_text, '0.0%');
    const after = await waitForChart(page, { selector: MAP, notHash: before.hash });
    assert.notEqual(after.hash, before.hash, 'the map is redrawn');
    assert.match(await page.locator('#map-summary').textContent(), /30 Jun 2019/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('clicking an area filters the dashboard to it; again returns to England; pointing shows the figure', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const drawn = await openMap(page);
    await clickArea(page, 'E54000009');
    assert.equal(await waitForText(page.locator('#headline-coverage'), exp.syb.share_text), exp.syb.share_text);
    assert.equal(await page.locator('#region-select').inputValue(), 'E54000009');
    await poll(async () => (await row(page, 'E54000009').getAttribute('class')) === 'selected');
    await waitForChart(page, { selector: MAP, notHash: drawn.hash }); // the outline is drawn

    // A London STP, clicked in the enlarged inset.
    await clickArea(page, 'E54000027');
    await poll(async () => (await page.locator('#region-select').inputValue()) === 'E54000027');
    assert.equal(await page.locator('#region-select').inputValue(), 'E54000027');
    assert.equal(await waitForText(page.locator('#headline-coverage'), exp.nwl.share_text), exp.nwl.share_text);
    await clickArea(page, 'E54000027');
    assert.equal(await waitForText(page.locator('#headline-coverage'), exp.eng.share_text), exp.eng.share_text);
    assert.equal(await page.locator('#region-select').inputValue(), 'ENG');

    // Hover: name, value, status and source.
    await page.locator(MAP).hover({ position: await areaPoint(page, 'E54000010') });
    const tip = page.locator('#map-tooltip');
    await tip.waitFor({ state: 'visible', timeout: 5_000 });
    const text = await tip.innerText();
    assert.match(text, /Staffordshire and Stoke on Trent/);
    assert.ok(text.includes(exp.staffs.share_text), text);
    assert.match(text, /derived/);
    assert.match(text, /union of footprints over ONS mid-2021 populations/);
    await page.locator('#map-title').hover();
    await tip.waitFor({ state: 'detached', timeout: 5_000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('keyboard: a button per area in the table, and the arrow keys and Enter on the map', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await openMap(page);
    await page.locator('#map-table-details summary').click();
    const button = row(page, 'E54000010').locator('button');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await waitForText(page.locator('#headline-coverage'), exp.staffs.share_text), exp.staffs.share_text);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');

    // The map itself: focus, arrow to the first area (by name), read it, Enter to filter.
    const first = await page.locator('#map-table tbody tr').first().getAttribute('data-code');
    await page.locator(MAP).focus();
    await page.keyboard.press('ArrowRight');
    const live = page.locator('#map-live');
    await poll(async () => (await live.textContent()).includes('Status'));
    const said = await live.textContent();
    const name = (await row(page, first).locator('th').textContent()).trim();
    assert.ok(said.startsWith(name), `'${said}' names ${name}`);
    assert.match(said, /Source: /);
    await page.keyboard.press('Enter');
    const want = expected(first, DATE);
    assert.equal(await waitForText(page.locator('#headline-coverage'), want.share_text), want.share_text);
    assert.equal(await page.locator('#region-select').inputValue(), first);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('colour by ACS/ICS designation: whole, part (early systems) or neither at the date', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const coverage = await openMap(page);
    await page.locator('#map-colour-designation').check();
    await waitForChart(page, { selector: MAP, notHash: coverage.hash });
    assert.equal(await waitForRowValue(page, 'E54000009', 'ACS/ICS (whole STP)'), 'ACS/ICS (whole STP)');
    assert.equal(await rowValue(page, 'E54000010'), 'Not an ACS/ICS yet');
    await setDate(page, '2018-06-30');
    assert.equal(await waitForRowValue(page, 'E54000044', 'Part in an early ACS/ICS'), 'Part in an early ACS/ICS');
    const details = await row(page, 'E54000044').textContent();
    assert.match(details, /Berkshire West/);
    assert.match(details, /corroborated/);
    assert.match(await page.locator('#map-summary').textContent(), /11 of 42 STPs are ACS\/ICSs, 2 have part/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('a missing stp.geojson: an alert naming the file; the dashboard and the figures stay', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await page.route('**/stp.geojson', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
    );
    await page.locator('#map-toggle').click();
    const alert = page.locator('#map-error[role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await alert.innerText();
    assert.match(text, /stp\.geojson/);
    assert.match(text, /404/);
    assert.equal(await page.locator(MAP).isVisible(), false, 'no blank map');
    assert.equal((await page.locator('#headline-coverage').textContent()).trim(), exp.eng.share_text);
    await waitForChart(page); // the main chart is still drawn
    assert.equal(await rowValue(page, 'E54000009'), exp.syb.share_text, 'the figures are still there');

    // Once the file is back, "Try again" draws the map.
    await page.unroute('**/stp.geojson');
    await alert.locator('button').click();
    await waitForChart(page, { selector: MAP });
    assert.equal(await page.locator('#map-error').count(), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('the open map has no WCAG 2.x A/AA violations found by axe', { timeout: 60_000 }, async () => {
  const { page } = await loadApp();
  try {
    await openMap(page);
    await page.locator('#map-table-details summary').click();
    const stats = await canvasStats(page, MAP);
    assert.ok(stats.found);
    const results = await new AxeBuilder({ page })
      .include('section.map-panel')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    assert.deepEqual(summary, [], 'axe violations');
  } finally {
    await page.close();
  }
});
