// Keyboard walking of the regions and model-type charts: the arrow keys move a tooltip along the
// points, a polite live region announces each (date, value, status, source), Enter on a bar filters
// to its region, Escape hides the tooltip, and Tab reaches both canvases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, expected, waitForText, poll } from './helpers.mjs';

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

/** The tooltip's position (CSS pixels in the canvas's wrapper) lies on the canvas. */
async function assertTipOnCanvas(tip, canvas) {
  const style = await tip.getAttribute('style');
  const m = /left:(-?\d+)px;top:(-?\d+)px/.exec(style);
  assert.ok(m, style);
  const [x, y] = [Number(m[1]), Number(m[2])];
  const { w, h } = await canvas.evaluate((c) => ({ w: c.clientWidth, h: c.clientHeight }));
  assert.ok(x > 0 && x < w && y > 0 && y < h, `tooltip at ${x},${y} on a ${w}x${h} canvas`);
  return { x, y };
}

/** The live region's text once it contains `want` (or the last text seen). */
async function liveText(page, selector, want) {
  let last = '';
  await poll(async () => {
    last = (await page.locator(selector).textContent()) || '';
    return last.includes(want);
  });
  return last;
}

test('regions chart: Home, ArrowDown, End announce the bars in drawn order; Enter filters', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const eng = expected('ENG', DATE);
    const canvas = page.locator('canvas#regions-chart');
    await canvas.scrollIntoViewIfNeeded();
    await poll(async () => (await canvas.getAttribute('data-bars')) !== null);
    assert.equal(await canvas.getAttribute('tabindex'), '0');
    assert.equal(await canvas.getAttribute('role'), 'img');
    // Described by its own figures in words, and by the narrative.
    const described = (await canvas.getAttribute('aria-describedby')).split(/\s+/);
    assert.ok(described.includes('narrative'), described.join(' '));
    const description = await page.locator(`#${described[0]}`).textContent();
    for (const r of eng.regions) assert.ok(description.includes(`${r.name} ${r.share_text}`), `description names ${r.name}`);
    assert.equal(await page.locator('#regions-live').getAttribute('aria-live'), 'polite');

    await canvas.focus();
    await page.keyboard.press('Home');
    const first = eng.regions[0];
    let text = await liveText(page, '#regions-live', first.name);
    assert.ok(text.startsWith(`${first.name}, 31 Mar 2021`), text);
    assert.ok(text.includes(first.share_text), text);
    assert.match(text, /Status derived/);
    assert.match(text, /Source: .*ONS/);
    assert.ok(await page.locator('#regions-tooltip').isVisible(), 'tooltip shown');
    assert.ok((await page.locator('#regions-tooltip').textContent()).includes(first.share_text));
    const top = await assertTipOnCanvas(page.locator('#regions-tooltip'), canvas);

    await page.keyboard.press('ArrowDown');
    const second = eng.regions[1];
    text = await liveText(page, '#regions-live', second.name);
    assert.ok(text.startsWith(`${second.name},`) && text.includes(second.share_text), text);
    const below = await assertTipOnCanvas(page.locator('#regions-tooltip'), canvas);
    assert.ok(below.y > top.y, 'the second bar is drawn below the first');

    await page.keyboard.press('End');
    const last = eng.regions[eng.regions.length - 1];
    text = await liveText(page, '#regions-live', last.name);
    assert.ok(text.startsWith(`${last.name},`) && text.includes(last.share_text), text);

    await page.keyboard.press('Escape');
    await poll(async () => (await page.locator('#regions-tooltip').count()) === 0);
    assert.equal(await page.locator('#regions-tooltip').count(), 0, 'Escape hides the tooltip');

    await page.keyboard.press('Enter');
    const want = expected(last.code, DATE);
    assert.equal(await waitForText(page.locator('#headline-coverage'), want.share_text), want.share_text);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('model-types chart: arrows walk months and lines, the live text matches the table', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const canvas = page.locator('canvas#models-chart');
    await canvas.scrollIntoViewIfNeeded();
    await poll(async () => (await canvas.evaluate((c) => c.width)) > 0);
    assert.equal(await canvas.getAttribute('tabindex'), '0');
    const described = (await canvas.getAttribute('aria-describedby')).split(/\s+/);
    assert.ok(described.includes('narrative'), described.join(' '));
    const eng = expected('ENG', DATE);
    const description = await page.locator(`#${described[0]}`).textContent();
    assert.ok(description.includes(eng.models.union_text), description);

    // The table of every line and month drawn.
    await page.locator('section.models details.as-table summary').click();
    const table = page.locator('#models-table-all');
    await table.waitFor({ state: 'attached' });
    const headers = await table.locator('thead th').allTextContents();
    assert.ok(headers.includes('ACS/ICS') && headers.some((h) => /Any counted type/.test(h)), headers.join('|'));
    const rows = table.locator('tbody tr');
    assert.ok((await rows.count()) > 12, 'one row per month');
    assert.ok((await table.locator('caption').textContent()).length > 0);

    await canvas.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    // Starting on "any type", Up moves to the line drawn before it: ACS/ICS.
    const text = await liveText(page, '#models-live', 'ACS/ICS');
    const month = (await rows.nth(3).locator('th').textContent()).trim();
    const col = headers.indexOf('ACS/ICS');
    const figure = (await rows.nth(3).locator('th, td').nth(col).textContent()).trim();
    assert.ok(text.startsWith(`ACS/ICS, ${month}.`), `${text} / ${month}`);
    assert.ok(text.includes(`${figure} people`), `${text} / ${figure}`);
    assert.match(text, /\d[\d,]* people/);
    assert.match(text, /Status derived/);
    assert.match(text, /Source: .*ONS/);
    const tip = page.locator('#models-tooltip');
    assert.ok(await tip.isVisible(), 'tooltip shown');
    assert.ok((await tip.textContent()).includes(month));
    const at = await assertTipOnCanvas(tip, canvas);
    await page.keyboard.press('ArrowRight');
    await poll(async () => (await assertTipOnCanvas(tip, canvas)).x > at.x);
    assert.ok((await assertTipOnCanvas(tip, canvas)).x > at.x, 'the next month is to the right');
    await page.keyboard.press('Escape');
    await poll(async () => (await tip.count()) === 0);
    assert.equal(await tip.count(), 0, 'Escape hides the tooltip');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('Tab reaches both chart canvases', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await loadApp();
  try {
    const seen = new Set();
    for (let i = 0; i < 600 && !(seen.has('regions-chart') && seen.has('models-chart')); i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
      if (id) seen.add(id);
    }
    assert.ok(seen.has('regions-chart'), 'Tab reaches the regions chart');
    assert.ok(seen.has('models-chart'), 'Tab reaches the model-types chart');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});
