// Broken and invalid data files: the page says what went wrong and never goes blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST,
  serveDist,
  launchBrowser,
  openPage,
  expected,
  waitForText,
  bodyText,
  parseCsv,
  csvLine,
} from './helpers.mjs';

const HEADLINE = '#headline-coverage';
const ALERT = '[role="alert"]#load-error';
const PROBLEMS = 'details#problems';

let server;
let browser;
let engNow;

before(async () => {
  engNow = expected('ENG', '2021-03-31');
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Loads the app with `routes` ([glob, handler]) installed first. The caller closes the page. */
async function openWithRoutes(routes = []) {
  const session = await openPage(browser.context);
  for (const [glob, handler] of routes) await session.page.route(glob, handler);
  await session.page.goto(server.url);
  return session;
}

async function expectLoadError(page, pageErrors, fileName) {
  const alert = page.locator(ALERT);
  try {
    await alert.waitFor({ state: 'visible', timeout: 10_000 });
  } catch (err) {
    const text = await bodyText(page).catch(() => '?');
    throw new Error(`${ALERT} did not appear within 10 s; body text: ${text.slice(0, 500)}`, { cause: err });
  }
  const text = await alert.innerText();
  assert.ok(text.includes(fileName), `the alert names ${fileName}: ${JSON.stringify(text)}`);
  assert.notEqual(await bodyText(page), '', 'page body should not be empty');
  assert.deepEqual(pageErrors, [], 'uncaught page errors (a panic would blank the page)');
}

/** The first whole number in the problems summary, or 0 when there is no problems panel. */
async function problemCount(page) {
  const summary = page.locator(`${PROBLEMS} > summary`);
  if ((await summary.count()) === 0) return 0;
  const m = (await summary.innerText()).match(/\d+/);
  return m ? Number(m[0]) : 0;
}

test('a missing sites.csv (404) shows an alert naming sites.csv', { timeout: 30_000 }, async () => {
  const { page, pageErrors } = await openWithRoutes([
    ['**/data/sites.csv', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'nope' })],
  ]);
  try {
    await expectLoadError(page, pageErrors, 'sites.csv');
  } finally {
    await page.close();
  }
});

test('an invalid manifest.json shows an alert naming manifest.json', { timeout: 30_000 }, async () => {
  const { page, pageErrors } = await openWithRoutes([
    ['**/data/manifest.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"oops' })],
  ]);
  try {
    await expectLoadError(page, pageErrors, 'manifest.json');
  } finally {
    await page.close();
  }
});

/** The real sites.csv with two bad rows appended: one with an unknown area code, one with a bad date. */
function sitesWithTwoBadRows() {
  const text = fs.readFileSync(path.join(DIST, 'data', 'sites.csv'), 'utf8');
  const rows = parseCsv(text).filter((r) => r.some((f) => f !== ''));
  const [header, ...data] = rows;
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`sites.csv has no "${name}" column (header: ${header.join(',')})`);
    return i;
  };
  const [id, name, liveFrom, footprint] = ['site_id', 'name', 'live_from', 'footprint'].map(col);
  const counts = header.indexOf('counts_population');
  const template = data.find(
    (r) =>
      /^\d{4}-\d{2}-\d{2}$/.test(r[liveFrom]) &&
      r[footprint] !== '' &&
      (counts < 0 || r[counts] === 'yes'),
  );
  if (!template) throw new Error('no usable template row in sites.csv');
  const ids = new Set(data.map((r) => r[id]));
  const freshId = (() => {
    let n = 98;
    return () => {
      while (ids.has(`V${n}`)) n++;
      ids.add(`V${n}`);
      return `V${n}`;
    };
  })();

  const unknownArea = [...template];
  unknownArea[id] = freshId();
  unknownArea[name] = 'Test site with an unknown area';
  unknownArea[footprint] = 'E06999999';

  const badDate = [...template];
  badDate[id] = freshId();
  badDate[name] = 'Test site with a bad date';
  badDate[liveFrom] = 'not-a-date';

  const body = text.replace(/\r?\n?$/, '\n') + csvLine(unknownArea) + '\n' + csvLine(badDate) + '\n';
  return { body, rows: data.length + 2 };
}

test('two bad rows in sites.csv are listed as problems and the valid data still renders', { timeout: 30_000 }, async (t) => {
  // Baseline: problems the shipped data already has (expected 0).
  let baseline;
  {
    const { page } = await openWithRoutes();
    try {
      await page.locator(HEADLINE).waitFor({ state: 'visible', timeout: 10_000 });
      baseline = await problemCount(page);
    } finally {
      await page.close();
    }
  }

  t.diagnostic(`problems reported for the shipped data: ${baseline}`);
  const { body } = sitesWithTwoBadRows();
  const { page, pageErrors } = await openWithRoutes([
    ['**/data/sites.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body })],
  ]);
  try {
    const summary = page.locator(`${PROBLEMS} > summary`);
    await summary.waitFor({ state: 'visible', timeout: 10_000 });
    const want = baseline + 2;
    const text = await summary.innerText();
    assert.match(text, new RegExp(`(^|\\D)${want}(\\D|$)`), `problems summary should count ${want}: ${JSON.stringify(text)}`);

    const headline = page.locator(HEADLINE);
    assert.equal(await headline.count(), 1, 'headline still present');
    const got = await waitForText(headline, engNow.share_text);
    assert.equal(got, engNow.share_text, 'the valid rows give the same headline as the clean data');
    assert.equal(await page.locator(ALERT).count(), 0, 'no load-error alert for row problems');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
  } finally {
    await page.close();
  }
});
