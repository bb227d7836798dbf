// Accessibility scans with axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every state the issue
// names: the whole dashboard with every view rendered, each slide of the presentation deck, the
// printed board pack, the own-data panel with a report of rejected rows, the load-error state and
// the link notice; plus reflow at 320 CSS px (no sideways scrolling) and the document's language,
// title, landmarks and heading order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, serveDist, launchBrowser, openPage, waitForChart, poll } from './helpers.mjs';

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

async function loadApp(query = '', viewport = { width: 1280, height: 900 }) {
  const session = await openPage(browser.context);
  await session.page.setViewportSize(viewport);
  await session.page.goto(`${server.url}${query}`);
  return session;
}

/** Renders every section (content-visibility skips those off screen) by scrolling through. */
async function renderAll(page) {
  await page.evaluate(async () => {
    for (const s of document.querySelectorAll('main section, footer')) {
      s.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    window.scrollTo(0, 0);
  });
}

async function axe(page, include) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe: the whole dashboard, every view rendered, the map open and the table details open', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await page.locator('#headline-coverage').waitFor();
    await waitForChart(page);
    await page.locator('#map-toggle').click();
    await poll(async () => (await page.locator('#map-canvas').getAttribute('data-drawn')) !== null, { timeout: 15_000 });
    for (const d of await page.locator('main details').all()) await d.evaluate((el) => { el.open = true; });
    await renderAll(page);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('axe: every slide of the presentation deck, with the notes shown', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await page.locator('#headline-coverage').waitFor();
    await page.locator('#present').click();
    await page.locator('#deck').waitFor();
    await page.locator('#deck-notes-toggle').click();
    for (let i = 0; i < 6; i++) {
      await poll(async () => (await page.locator('#deck-number').innerText()).startsWith(`${i + 1} /`));
      await page.waitForTimeout(300);
      const found = await axe(page, '#deck');
      assert.deepEqual(found, [], `slide ${i + 1}`);
      await page.locator('#deck').focus();
      await page.keyboard.press('ArrowRight');
    }
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('axe: the board pack as printed', { timeout: 60_000 }, async () => {
  const { page } = await loadApp();
  try {
    await page.locator('#headline-coverage').waitFor();
    await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await page.locator('#print-pack').click();
    await poll(() => page.evaluate(() => window.__printed === true));
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await axe(page, '#board-pack'), []);
  } finally {
    await page.close();
  }
});

test('axe: the own-data panel with a report of rejected rows', { timeout: 60_000 }, async () => {
  const { page } = await loadApp();
  try {
    await page.locator('#headline-coverage').waitFor();
    await page.locator('#own-data > summary').click();
    await page.locator('#own-file').setInputFiles({
      name: 'mine.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('id;name;model\n1;x;PACS\n'),
    });
    await page.locator('#own-report').waitFor({ timeout: 10_000 });
    await page.locator('#own-data').scrollIntoViewIfNeeded();
    assert.deepEqual(await axe(page, '#own-data'), []);
  } finally {
    await page.close();
  }
});

test('axe: the load-error state and a link notice', { timeout: 60_000 }, async () => {
  {
    const { page } = await loadApp();
    try {
      await page.route('**/data/sites.csv', (route) => route.fulfill({ status: 404, body: 'no' }));
      await page.reload();
      await page.locator('#load-error').waitFor({ timeout: 15_000 });
      assert.deepEqual(await axe(page), []);
    } finally {
      await page.close();
    }
  }
  const { page } = await loadApp('?region=XYZ&date=2021-02-31');
  try {
    await page.locator('#link-notice').waitFor({ timeout: 10_000 });
    assert.deepEqual(await axe(page, '#link-notice'), []);
  } finally {
    await page.close();
  }
});

test('reflow: at 320 CSS px wide nothing needs sideways scrolling (WCAG 1.4.10)', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp('', { width: 320, height: 640 });
  try {
    await page.locator('#headline-coverage').waitFor();
    await renderAll(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // What sticks out of the window, other than inside its own scrolling box (wide tables scroll
    // inside a box of their own rather than the page).
    const wide = await page.evaluate(() => {
      const W = document.documentElement.clientWidth;
      const scrolls = (el) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
      const inBox = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true; return false; };
      return [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > W + 1 && !inBox(el))
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`)
        .slice(0, 10);
    });
    assert.deepEqual(wide, []);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the window`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('document: language, title, one h1, landmarks, no skipped heading levels', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    await page.locator('#headline-coverage').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
    assert.match(await page.title(), /coverboard/);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('main').count(), 1);
    assert.equal(await page.locator('header').first().isVisible(), true);
    const levels = await page.locator('h1, h2, h3, h4').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `heading levels ${levels.join(',')}`);
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dupes, [], 'duplicate ids');
  } finally {
    await page.close();
  }
});

test('axe: the dark theme (prefers-color-scheme: dark) keeps contrast across the dashboard', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('#headline-coverage').waitFor();
    await waitForChart(page);
    for (const d of await page.locator('main details').all()) await d.evaluate((el) => { el.open = true; });
    await renderAll(page);
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(bg, 'rgb(15, 20, 23)', 'the dark background is in use');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

/** html-validate's spec-conformance rules (what axe cannot check: nesting, attributes, ids). */
async function htmlProblems(html) {
  const report = await new HtmlValidate({ extends: ['html-validate:standard'] }).validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector || 'line ' + m.line})`));
}

test('HTML validator: the shipped index.html and the rendered page (dashboard, map, own-data report, deck)', { timeout: 90_000 }, async () => {
  assert.deepEqual(await htmlProblems(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8')), [], 'dist/index.html');
  const { page } = await loadApp();
  try {
    await page.locator('#headline-coverage').waitFor();
    await page.locator('#map-toggle').click();
    await poll(async () => (await page.locator('#map-canvas').getAttribute('data-drawn')) !== null, { timeout: 15_000 });
    for (const d of await page.locator('main details').all()) await d.evaluate((el) => { el.open = true; });
    await page.locator('#own-file').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('id;name;model\n1;x;PACS\n') });
    await page.locator('#own-report').waitFor({ timeout: 10_000 });
    assert.deepEqual(await htmlProblems(await page.content()), [], 'the dashboard');
    await page.locator('#present').click();
    await page.locator('#deck').waitFor();
    assert.deepEqual(await htmlProblems(await page.content()), [], 'with the deck open');
  } finally {
    await page.close();
  }
});

test('reduced motion: Play steps the roll-out more slowly when the system asks for less motion', { timeout: 60_000 }, async () => {
  const rate = async (reducedMotion) => {
    const { page } = await loadApp();
    try {
      await page.emulateMedia({ reducedMotion });
      await page.locator('#headline-coverage').waitFor();
      await page.locator('#asat-slider').fill('0');
      await page.locator('#play').click();
      const start = await page.locator('#asat-slider').inputValue();
      await page.waitForTimeout(3200);
      await page.locator('#play').click();
      return Number(await page.locator('#asat-slider').inputValue()) - Number(start);
    } finally {
      await page.close();
    }
  };
  const normal = await rate('no-preference');
  const reduced = await rate('reduce');
  assert.ok(normal >= 5, `about 8 months in 3.2 s normally (got ${normal})`);
  assert.ok(reduced >= 1 && reduced <= 3, `about 2 months in 3.2 s with reduced motion (got ${reduced})`);
});
