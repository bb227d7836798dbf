// The analysis views with the real data: projection, regions (click to filter), model types and
// overlap, the definition panel, the time slider and play button, policy events, chart tooltips.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, expected, waitForChart, waitForText, textOf, poll, canvasStats } from './helpers.mjs';

const DATE = '2021-03-31';
let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function loadApp() {
  const session = await openPage(browser.context);
  await session.page.goto(server.url);
  await session.page.locator('#headline-coverage').waitFor({ state: 'visible', timeout: 10_000 });
  return session;
}

async function headlineText(page, want) {
  return waitForText(page.locator('#headline-coverage'), want);
}

test('projection: verdict and run-rate equal the core for England and follow the date', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    assert.equal(await waitForText(page.locator('#projection-verdict'), eng.verdict), eng.verdict);
    assert.match(await textOf(page.locator('#projection-rate')), new RegExp(eng.central_rate_text.replace('+', '\\+')));
    assert.equal(await page.locator('#projection-table tbody tr').count(), 4, 'one row per trailing window');
    const early = expected('ENG', '2016-06-30', '--models', 'ICS');
    await page.locator('#model-pacs').uncheck();
    await page.locator('#model-mcp').uncheck();
    await page.locator('#model-ehch').uncheck();
    await page.locator('#model-uec').uncheck();
    await page.locator('#asat-date').fill('2016-06-30');
    await page.locator('#asat-date').dispatchEvent('change');
    assert.equal(await headlineText(page, early.share_text), early.share_text);
    assert.equal(await waitForText(page.locator('#projection-verdict'), early.verdict), early.verdict);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('regions: sorted as the core sorts them, England marked; clicking a bar filters', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    const rows = page.locator('#regions-table tbody tr[data-region]');
    await poll(async () => (await rows.count()) === 7);
    const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.region));
    assert.deepEqual(order, eng.regions.map((r) => r.code), 'highest coverage first');
    const shares = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td').textContent.trim()));
    assert.deepEqual(shares, eng.regions.map((r) => r.share_text));
    assert.equal((await textOf(page.locator('#regions-england'))).trim(), eng.england_text);

    // Click the bar of the last (lowest) region on the canvas.
    const canvas = page.locator('canvas#regions-chart');
    // Charts are drawn when they come on screen.
    await canvas.scrollIntoViewIfNeeded();
    await poll(async () => (await canvas.getAttribute('data-bars')) !== null);
    const target = eng.regions[eng.regions.length - 1];
    const geometry = await canvas.evaluate((c) => ({ w: c.width, cw: c.clientWidth, h: c.height, ch: c.clientHeight, bars: c.dataset.bars }));
    const bar = geometry.bars.split(';').map((b) => b.split(':')).find(([code]) => code === target.code);
    assert.ok(bar, `a box for ${target.code}`);
    const [l, t, r, b] = bar[1].split(',').map(Number);
    const sx = geometry.cw / geometry.w;
    const sy = geometry.ch / geometry.h;
    await canvas.click({ position: { x: ((l + Math.min(r, l + 40)) / 2) * sx, y: ((t + b) / 2) * sy } });
    const want = expected(target.code, DATE);
    assert.equal(await headlineText(page, want.share_text), want.share_text);
    assert.equal(await page.locator('#region-select').inputValue(), target.code);
    // The table's button toggles back to England.
    await page.locator(`#regions-table tr[data-region="${target.code}"] button`).click();
    assert.equal(await headlineText(page, eng.share_text), eng.share_text);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('model types: union, overlap and sum equal the core; unticking ACS/ICS changes every view', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    assert.equal(await waitForText(page.locator('#models-union'), eng.models.union_text), eng.models.union_text);
    assert.equal((await textOf(page.locator('#models-overlap'))).trim(), eng.models.overlap_text);
    assert.equal((await textOf(page.locator('#models-summed'))).trim(), eng.models.summed_text);
    await page.locator('canvas#models-chart').scrollIntoViewIfNeeded();
    await waitForChart(page, { selector: 'canvas#models-chart' });
    const before = (await canvasStats(page, 'canvas#models-chart')).hash;
    await page.locator('#model-ics').uncheck();
    const vanguards = expected('ENG', DATE, '--models', 'PACS,MCP,EHCH,UEC');
    assert.equal(await headlineText(page, vanguards.share_text), vanguards.share_text);
    assert.equal(await waitForText(page.locator('#models-union'), vanguards.models.union_text), vanguards.models.union_text);
    await waitForChart(page, { selector: 'canvas#models-chart', notHash: before });
    assert.match(await textOf(page.locator('#definition')), /vanguard/);
    assert.doesNotMatch(await textOf(page.locator('#definition')), /ACS\/ICS/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('definition panel: alternatives side by side; overlap, partial and base switches change the figures', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    const first = page.locator('#sensitivity-table tbody tr').first().locator('td').first();
    assert.equal(await waitForText(first, eng.share_text), eng.share_text, 'the chosen definition comes first');
    assert.equal(await page.locator('#sensitivity-table tbody tr').count(), 7);
    const ics = expected('ENG', DATE, '--models', 'ICS');
    const icsRow = page.locator('#sensitivity-table tbody tr', { hasText: 'ACS/ICS only' }).locator('td').first();
    assert.equal((await textOf(icsRow)).trim(), ics.share_text);

    await page.locator('#overlap-summed').check();
    const summed = expected('ENG', DATE, '--overlap', 'summed');
    assert.equal(await headlineText(page, summed.share_text), summed.share_text);
    await page.locator('#overlap-once').check();
    await page.locator('#partial-exclude').check();
    const noPartial = expected('ENG', DATE, '--partial', 'exclude');
    assert.equal(await headlineText(page, noPartial.share_text), noPartial.share_text);
    await page.locator('#base-2015').check();
    const base2015 = expected('ENG', DATE, '--partial', 'exclude', '--base', '2015');
    assert.equal(await headlineText(page, base2015.share_text), base2015.share_text);
    assert.match(await textOf(page.locator('#headline-people')), /ONS mid-2015/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('time: the slider moves the as-at date; play steps month by month and pauses', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const slider = page.locator('#asat-slider');
    // Index 53 = June 2019 (months from January 2015).
    await slider.fill('53');
    const june = expected('ENG', '2019-06-30');
    assert.equal(await headlineText(page, june.share_text), june.share_text);
    assert.equal((await textOf(page.locator('#asat-month'))).trim(), 'Jun 2019');
    assert.equal(await page.locator('#asat-date').inputValue(), '2019-06-30');

    await page.locator('#play').click();
    await poll(async () => (await page.locator('#asat-date').inputValue()) >= '2019-08-31', { timeout: 10_000 });
    await page.locator('#play').click(); // pause
    assert.equal(await page.locator('#play').getAttribute('aria-pressed'), 'false');
    const stoppedAt = await page.locator('#asat-date').inputValue();
    await page.waitForTimeout(900);
    assert.equal(await page.locator('#asat-date').inputValue(), stoppedAt, 'paused: the date stays');
    const want = expected('ENG', stoppedAt);
    assert.equal(await headlineText(page, want.share_text), want.share_text, `headline follows play to ${stoppedAt}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('policy events: toggled on the chart, each listed with a source link', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const before = await waitForChart(page);
    assert.equal(await page.locator('#events-list').count(), 0);
    await page.locator('#show-events').check();
    const items = page.locator('#events-list li');
    await poll(async () => (await items.count()) > 0);
    assert.ok((await items.count()) >= 5, 'the Five Year Forward View, STPs, NAO, Long Term Plan ...');
    const hrefs = await items.locator('a').evaluateAll((as) => as.map((a) => a.href));
    assert.equal(hrefs.length, await items.count(), 'every event cites a linked source');
    assert.ok(hrefs.every((h) => h.startsWith('https://') || h.startsWith('http://')));
    assert.match(await textOf(items.first()), /Five Year Forward View/);
    await waitForChart(page, { notHash: before.hash });
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('chart points: keyboard focus walks the months and announces value, status and source', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await waitForChart(page);
    await page.locator('canvas#coverage-chart').focus();
    await page.keyboard.press('ArrowLeft');
    const tip = page.locator('#chart-tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = await textOf(tip);
    assert.match(text, /28 Feb 2021/, 'one month before the as-at date');
    assert.match(text, /derived/);
    assert.match(text, /ONS mid-2021/);
    const feb = expected('ENG', '2021-02-28');
    assert.match(text, new RegExp(feb.share_text.replace('.', '\\.')));
    assert.match(await textOf(page.locator('#chart-live')), /Status derived/);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'detached' });
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('model type filter: presets in the filter bar drive every figure and follow the definition panel', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const select = page.locator('#model-select');
    assert.equal(await select.inputValue(), 'all');
    assert.ok(await page.locator('label[for="model-select"]').isVisible());
    await select.selectOption('ics');
    const ics = expected('ENG', DATE, '--models', 'ICS');
    assert.equal(await headlineText(page, ics.share_text), ics.share_text);
    assert.equal(await page.locator('#model-pacs').isChecked(), false);
    assert.equal(await page.locator('#model-ics').isChecked(), true);
    await select.selectOption('uec');
    const uec = expected('ENG', DATE, '--models', 'UEC');
    assert.equal(await headlineText(page, uec.share_text), uec.share_text);
    // A set with no preset shows as custom.
    await page.locator('#model-ics').check();
    await poll(async () => (await select.inputValue()) === 'custom');
    assert.equal(await select.inputValue(), 'custom');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});
