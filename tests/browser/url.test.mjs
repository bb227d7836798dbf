// Links to the exact view (src/app/url.rs, src/view_state.rs): the URL follows the filters, a URL
// opened in a fresh page restores the same figures and controls, Back/Forward move through the
// changes, a garbled link is explained and falls back to the defaults, and "Copy link" copies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, expected, poll, bodyText } from './helpers.mjs';

const HEADLINE = '#headline-coverage';
const TOLERANCE = 1e-9;
const LONDON = 'E40000003';
const DATE = '2019-06-30';
const NO_UEC = ['--models', 'PACS,MCP,EHCH,ICS'];
const SUMMED = ['--overlap', 'summed'];

let server;
let browser;
let exp;

before(async () => {
  exp = {
    eng: expected('ENG', '2021-03-31'),
    london: expected(LONDON, '2021-03-31'),
    london2019: expected(LONDON, DATE),
    londonNoUec: expected(LONDON, DATE, ...NO_UEC),
    all: expected(LONDON, DATE, ...NO_UEC, ...SUMMED),
    eng2016: expected('ENG', '2016-06-30'),
  };
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// The history's length when the page's document starts, before the app runs: a new tab's history
// already holds about:blank.
const recordStart = () => {
  window.__historyAtStart = history.length;
};

/** History entries added since the document started (by pushState). */
const added = (page) => page.evaluate(() => history.length - window.__historyAtStart);

/**
 * A fresh page at `search` ('' or '?…'), with the headline shown; the caller closes it.
 * `init` runs in the page before the app.
 */
async function load(search = '', init = null) {
  const session = await openPage(browser.context);
  await session.page.addInitScript(recordStart);
  if (init) await session.page.addInitScript(init);
  await session.page.goto(server.url + search);
  try {
    await session.page.locator(HEADLINE).waitFor({ state: 'visible', timeout: 10_000 });
  } catch (err) {
    const text = await bodyText(session.page).catch(() => '?');
    throw new Error(
      `${HEADLINE} did not appear.\npage errors: ${JSON.stringify(session.pageErrors)}\nbody: ${text.slice(0, 500)}`,
      { cause: err },
    );
  }
  return session;
}

/** Waits until the headline shows `want` (from expected()); returns what it shows. */
async function headlineIs(page, want) {
  const h = page.locator(HEADLINE);
  let last = {};
  await poll(async () => {
    last = { text: (await h.innerText()).trim(), share: Number.parseFloat(await h.getAttribute('data-share')) };
    return last.text === want.share_text && Math.abs(last.share - want.share) <= TOLERANCE;
  });
  assert.equal(last.text, want.share_text, `headline for ${want.region} at ${want.date} (${want.definition})`);
  assert.ok(Math.abs(last.share - want.share) <= TOLERANCE, `data-share ${last.share} vs ${want.share}`);
}

const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);

async function setDate(page, date) {
  await page.locator('#asat-date').fill(date);
  await page.locator('#asat-date').dispatchEvent('change');
}

/** Waits until the URL's query equals `want` (an object of parameters); returns the last seen. */
async function queryIs(page, want) {
  let last;
  await poll(async () => {
    last = params(page);
    return JSON.stringify(last) === JSON.stringify(want);
  });
  assert.deepEqual(last, want);
}

/** The state of the controls a link restores. */
async function controls(page) {
  return page.evaluate(() => {
    const checked = (id) => document.getElementById(id)?.checked;
    return {
      region: document.getElementById('region-select')?.value,
      date: document.getElementById('asat-date')?.value,
      models: ['pacs', 'mcp', 'ehch', 'uec', 'ics'].filter((m) => checked(`model-${m}`)),
      overlapSummed: checked('overlap-summed'),
      overlapOnce: checked('overlap-once'),
      mapExpanded: document.getElementById('map-toggle')?.getAttribute('aria-expanded'),
      mapBodyHidden: document.getElementById('map-body')?.hidden,
    };
  });
}

test('no query: the address stays as it was and no history entry is added', { timeout: 30_000 }, async () => {
  const { page, pageErrors } = await load();
  try {
    await headlineIs(page, exp.eng);
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await added(page), 0);
    assert.equal(await page.locator('#link-notice').count(), 0, 'no notice');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('URL round trip: set filters, open the URL in a fresh page, same figures and controls; Back and Forward', { timeout: 90_000 }, async () => {
  const { page, pageErrors } = await load();
  let copy;
  try {
    await headlineIs(page, exp.eng);
    await page.selectOption('#region-select', LONDON);
    await headlineIs(page, exp.london);
    await queryIs(page, { region: LONDON });
    await setDate(page, DATE);
    await headlineIs(page, exp.london2019);
    await queryIs(page, { region: LONDON, date: DATE });
    await page.locator('#model-uec').uncheck();
    await headlineIs(page, exp.londonNoUec);
    await queryIs(page, { region: LONDON, date: DATE, models: 'pacs,mcp,ehch,ics' });
    await page.locator('#overlap-summed').check();
    await headlineIs(page, exp.all);
    await page.locator('#map-toggle').click();
    const full = { region: LONDON, date: DATE, models: 'pacs,mcp,ehch,ics', overlap: 'summed', map: 'stp' };
    await queryIs(page, full);
    // One history entry per change.
    assert.equal(await added(page), 5);
    const url = page.url();

    // A fresh page on that URL: the same figure, the same controls, the map open.
    copy = await load(new URL(url).search);
    await headlineIs(copy.page, exp.all);
    assert.deepEqual(await controls(copy.page), {
      region: LONDON,
      date: DATE,
      models: ['pacs', 'mcp', 'ehch', 'ics'],
      overlapSummed: true,
      overlapOnce: false,
      mapExpanded: 'true',
      mapBodyHidden: false,
    });
    assert.equal(await copy.page.locator('#model-select').inputValue(), 'custom');
    await copy.page.locator('#map-canvas').waitFor({ state: 'visible' });
    assert.equal(copy.page.url(), url, 'the address is kept as given');
    assert.equal(await added(copy.page), 0, 'opening a link adds no entry');
    assert.equal(await copy.page.locator('#link-notice').count(), 0, 'nothing to complain about');
    assert.deepEqual(copy.pageErrors, []);

    // Back through the changes, one at a time; the headline and the controls follow.
    await page.goBack();
    await queryIs(page, { region: LONDON, date: DATE, models: 'pacs,mcp,ehch,ics', overlap: 'summed' });
    assert.equal((await controls(page)).mapExpanded, 'false');
    await page.goBack();
    await headlineIs(page, exp.londonNoUec);
    assert.equal((await controls(page)).overlapOnce, true);
    await page.goBack();
    await headlineIs(page, exp.london2019);
    assert.deepEqual((await controls(page)).models, ['pacs', 'mcp', 'ehch', 'uec', 'ics']);
    await page.goBack();
    await headlineIs(page, exp.london);
    assert.equal((await controls(page)).date, '2021-03-31');
    await page.goBack();
    await headlineIs(page, exp.eng);
    assert.equal((await controls(page)).region, 'ENG');
    assert.equal(new URL(page.url()).search, '');
    // Applying an entry pushes nothing: the history is as long as before, and Forward still works.
    assert.equal(await added(page), 5);
    await page.goForward();
    await headlineIs(page, exp.london);
    await page.goForward();
    await headlineIs(page, exp.london2019);
    assert.equal((await controls(page)).region, LONDON);
    assert.equal(await added(page), 5);
    // A change after going back replaces the forward entries, as in any site.
    await page.locator('#overlap-summed').check();
    await headlineIs(page, expected(LONDON, DATE, ...SUMMED));
    assert.equal(await added(page), 3);
    assert.deepEqual(pageErrors, []);
  } finally {
    await copy?.page.close();
    await page.close();
  }
});

test('a run of date changes (slider keys, Play) is one history entry', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await load();
  try {
    await headlineIs(page, exp.eng);
    const slider = page.locator('#asat-slider');
    await slider.focus();
    // Twelve months back, a key press every 50 ms: one run.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(50);
    }
    await queryIs(page, { date: '2020-03-31' });
    assert.equal(await added(page), 1, 'one entry for the whole run');
    // Still for longer than the settling time: the next run is a new entry.
    await page.waitForTimeout(800);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await queryIs(page, { date: '2019-12-31' });
    assert.equal(await added(page), 2);
    // Play steps every 400 ms: one entry however many months it plays.
    await page.waitForTimeout(800);
    await page.locator('#play').click();
    await page.waitForTimeout(1500);
    await page.locator('#play').click();
    const played = params(page).date;
    assert.ok(played > '2020-02-01', `Play moved the date on (now ${played})`);
    assert.equal(await added(page), 3);
    // Back: the date before Play, then before the second run, then the default.
    await page.goBack();
    await queryIs(page, { date: '2019-12-31' });
    await page.goBack();
    await queryIs(page, { date: '2020-03-31' });
    await page.goBack();
    await queryIs(page, {});
    await headlineIs(page, exp.eng);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('a garbled link: a notice names every bad value, the dashboard shows the defaults', { timeout: 30_000 }, async () => {
  const { page, pageErrors, consoleErrors } = await load('?region=XYZ&date=2021-02-31&models=foo&slide=-1&utm_source=email');
  try {
    await headlineIs(page, exp.eng);
    const notice = page.locator('#link-notice');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.innerText();
    for (const bad of ['XYZ', '2021-02-31', 'foo', '-1']) assert.ok(text.includes(bad), `notice names ${bad}: ${text}`);
    assert.match(text, /region/);
    assert.match(text, /All England/);
    assert.equal(await notice.locator('li').count(), 4, 'one line per bad value; the unknown parameter is ignored');
    const c = await controls(page);
    assert.equal(c.region, 'ENG');
    assert.equal(c.date, '2021-03-31');
    assert.deepEqual(c.models, ['pacs', 'mcp', 'ehch', 'uec', 'ics']);
    // The address now says what is shown, without adding an entry.
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await added(page), 0);
    // Dismissed, it goes; the page is still whole.
    await page.locator('#link-notice-dismiss').click();
    assert.equal(await notice.count(), 0);
    await page.waitForTimeout(250);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await page.close();
  }
});

test('a good value beside a bad one is used; slide is carried', { timeout: 30_000 }, async () => {
  const { page, pageErrors } = await load('?date=2016-06-30&region=E40000099&slide=2');
  try {
    await headlineIs(page, exp.eng2016);
    const text = await page.locator('#link-notice').innerText();
    assert.ok(text.includes('E40000099'), text);
    assert.ok(!text.includes('2016-06-30'), 'the good date is not complained about');
    // The slide stays in the address (read into the view state and written back from it).
    await page.waitForTimeout(300);
    assert.deepEqual(params(page), { date: '2016-06-30', slide: '2' });
    assert.equal(await added(page), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('Copy link puts the address of the view in the clipboard and says so', { timeout: 30_000 }, async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const { page, pageErrors } = await load(`?region=${LONDON}`);
  try {
    await page.locator('#overlap-summed').check();
    await queryIs(page, { region: LONDON, overlap: 'summed' });
    await page.locator('#copy-link').click();
    const status = page.locator('#copy-link-status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    await poll(async () => (await status.innerText()).trim() === 'Link copied');
    assert.equal((await status.innerText()).trim(), 'Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, page.url());
    assert.equal(new URL(copied).search, `?region=${LONDON}&overlap=summed`);
    assert.equal(await page.locator('#copy-link-field').count(), 0, 'no fallback field');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

for (const [why, script] of [
  ['no clipboard', () => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })],
  [
    'clipboard refused',
    () => {
      const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      Object.defineProperty(Clipboard.prototype, 'writeText', { value: refuse });
    },
  ],
]) {
  test(`Copy link with ${why}: the link in a selected read-only field, "Press Ctrl+C to copy"`, { timeout: 30_000 }, async () => {
    const { page, pageErrors } = await load(`?date=${DATE}`, script);
    try {
      await page.locator('#copy-link').click();
      const field = page.locator('#copy-link-field');
      await field.waitFor({ state: 'visible' });
      assert.equal(await field.inputValue(), page.url());
      assert.equal(await field.getAttribute('readonly'), '');
      await poll(() => field.evaluate((el) => document.activeElement === el && el.selectionEnd === el.value.length));
      const sel = await field.evaluate((el) => [document.activeElement === el, el.selectionStart, el.selectionEnd, el.value.length]);
      assert.deepEqual(sel, [true, 0, sel[3], sel[3]], 'focused and all selected');
      assert.match(await page.locator('label[for="copy-link-field"]').innerText(), /Press Ctrl\+C to copy/);
      assert.match(await page.locator('#copy-link-status').innerText(), /Ctrl\+C/);
      // Escape puts it away.
      await page.keyboard.press('Escape');
      assert.equal(await field.count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await page.close();
    }
  });
}
