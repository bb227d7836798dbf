// The dashboard with the real data: page load, controls, headline figure and chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import {
  REGIONS,
  serveDist,
  launchBrowser,
  openPage,
  expected,
  waitForChart,
  looksDrawn,
  poll,
  bodyText,
} from './helpers.mjs';

const HEADLINE = '#headline-coverage';
const DEFAULT_DATE = '2021-03-31';
const TOLERANCE = 1e-9;

let server;
let browser;
let exp; // expected values from the core library

before(async () => {
  // cargo first (it may have to build the example), then the server and the browser.
  exp = {
    eng: expected('ENG', DEFAULT_DATE),
    london: expected('E40000003', DEFAULT_DATE),
    eng2019: expected('ENG', '2019-06-30'),
  };
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page on the app, with the headline shown; the caller closes it. */
async function loadApp() {
  const session = await openPage(browser.context);
  await session.page.goto(server.url);
  try {
    await session.page.locator(HEADLINE).waitFor({ state: 'visible', timeout: 10_000 });
  } catch (err) {
    const text = await bodyText(session.page).catch(() => '?');
    throw new Error(
      `${HEADLINE} did not appear within 10 s.\npage errors: ${JSON.stringify(session.pageErrors)}\n` +
        `console errors: ${JSON.stringify(session.consoleErrors)}\nbody text: ${text.slice(0, 500)}`,
      { cause: err },
    );
  }
  return session;
}

/** The headline's text and data-share, once they match `want` (or after 10 s, whatever they are). */
async function waitForHeadline(page, want) {
  const headline = page.locator(HEADLINE);
  let last = { text: null, share: NaN };
  await poll(async () => {
    last = {
      text: (await headline.innerText()).trim(),
      share: Number.parseFloat(await headline.getAttribute('data-share')),
    };
    return last.text === want.share_text && Math.abs(last.share - want.share) <= TOLERANCE;
  });
  return last;
}

function assertHeadline(got, want) {
  assert.equal(got.text, want.share_text, `headline text for ${want.region} at ${want.date}`);
  assert.ok(
    Number.isFinite(got.share) && Math.abs(got.share - want.share) <= TOLERANCE,
    `data-share ${got.share} should be within ${TOLERANCE} of ${want.share} (${want.region} at ${want.date})`,
  );
}

test('page loads: title names coverboard, no page errors or console errors', { timeout: 30_000 }, async () => {
  const { page, consoleErrors, pageErrors } = await loadApp();
  try {
    await waitForChart(page);
    await page.waitForTimeout(250); // let late errors surface
    assert.match(await page.title(), /coverboard/i);
    assert.notEqual(await bodyText(page), '', 'page body should not be empty');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await page.close();
  }
});

test('controls: region select with England and the 7 NHS regions, labelled; as-at date input', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    const select = page.locator('select#region-select');
    assert.equal(await select.count(), 1, 'one select#region-select');
    const values = await select.locator('option').evaluateAll((opts) => opts.map((o) => o.value));
    assert.deepEqual([...values].sort(), Object.keys(REGIONS).sort(), 'region option values');
    assert.equal(await select.inputValue(), 'ENG', 'All England is selected by default');

    const label = page.locator('label[for="region-select"]');
    assert.ok((await label.count()) >= 1, 'a <label for="region-select"> exists');
    assert.ok(await label.first().isVisible(), 'the region label is visible');
    assert.notEqual((await label.first().innerText()).trim(), '', 'the region label has text');

    const date = page.locator('input#asat-date');
    assert.equal(await date.count(), 1, 'one input#asat-date');
    assert.equal(await date.getAttribute('type'), 'date');
    assert.equal(await date.inputValue(), DEFAULT_DATE, 'default as-at date');
  } finally {
    await page.close();
  }
});

test('chart canvas is drawn (not blank)', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    const stats = await waitForChart(page);
    assert.ok(stats && stats.found, 'canvas#coverage-chart exists');
    assert.ok(stats.distinct > 3, `more than 3 distinct colours (got ${stats.distinct})`);
    assert.ok(
      stats.nonBackground > stats.total * 0.01,
      `more than 1% of pixels not background (got ${stats.nonBackground} of ${stats.total})`,
    );
  } finally {
    await page.close();
  }
});

test(`headline shows All England coverage at ${DEFAULT_DATE} as the core computes it`, { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    assertHeadline(await waitForHeadline(page, exp.eng), exp.eng);
  } finally {
    await page.close();
  }
});

test('choosing London updates the headline and redraws the chart', { timeout: 30_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    assertHeadline(await waitForHeadline(page, exp.eng), exp.eng);
    const before = await waitForChart(page);
    assert.ok(looksDrawn(before), 'chart drawn before the change');

    await page.selectOption('select#region-select', 'E40000003');
    assertHeadline(await waitForHeadline(page, exp.london), exp.london);
    const afterStats = await waitForChart(page, { notHash: before.hash });
    assert.ok(looksDrawn(afterStats), 'chart drawn after the change');
    assert.notEqual(afterStats.hash, before.hash, 'chart pixels change when the region changes');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
  } finally {
    await page.close();
  }
});

test('changing the as-at date to 2019-06-30 updates the headline', { timeout: 30_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    assertHeadline(await waitForHeadline(page, exp.eng), exp.eng);
    const date = page.locator('input#asat-date');
    await date.fill('2019-06-30');
    await date.dispatchEvent('change');
    assertHeadline(await waitForHeadline(page, exp.eng2019), exp.eng2019);
    assert.equal(await page.locator('select#region-select').inputValue(), 'ENG', 'region unchanged');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
  } finally {
    await page.close();
  }
});

test('no WCAG 2.x A/AA violations found by axe', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    await waitForChart(page);
    const results = await new AxeBuilder({ page })
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
