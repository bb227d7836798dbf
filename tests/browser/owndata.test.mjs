// Own data: a file picked, dropped or named in ?data= replaces the sites; the report counts and
// lists rejected rows; bad files and non-http addresses get their own messages; Back restores.
// Expected coverage is computed here in node from public/data/areas.csv.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, serveDist, launchBrowser, openPage, poll, parseCsv, expected } from './helpers.mjs';

const HEADLINE = '#headline-coverage';
const SUMMARY = '#own-summary';

function readCsv(name) {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', name), 'utf8'));
  const keys = header.map((h) => h.trim().replace(/^\uFEFF/, '').toLowerCase());
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()])));
}
const areas = readCsv('areas.csv');
const england2021 = areas.reduce((s, p) => s + Number(p.pop_2021), 0);
/** Share of England (mid-2021) in the union of these LAD codes' pieces. */
const shareOf = (lads) =>
  areas.filter((p) => lads.includes(p.lad_code)).reduce((s, p) => s + Number(p.pop_2021), 0) / england2021;

const HEADER = 'site_id,name,model,live_from,live_to,footprint\n';
// Three sites live before the default as-at date (31 Mar 2021), on real LAD codes, one overlap.
const GOOD = HEADER +
  'A1,Wirral,PACS,2015-03-10,,E08000015\n' +
  'A2,Salford and Bolton,MCP,2016-01,,E08000006;E08000001\n' +
  'A3,Northumberland,ICS,2018-04-01,,E06000057;E08000015\n';
const GOOD_SHARE = shareOf(['E08000015', 'E08000006', 'E08000001', 'E06000057']);
const FIVE_TWO_BAD = HEADER +
  'B1,Wirral,PACS,2015-03-10,,E08000015\n' +
  'B2,Nowhere,PACS,2015-03-10,,E99999999\n' +
  'B3,Salford,MCP,2016-01-01,,E08000006\n' +
  'B4,Excel,MCP,43921,,E08000001\n' +
  'B5,Northumberland,ICS,2018-04-01,,E06000057\n';

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

async function open(url = server.url) {
  const session = await openPage(browser.context);
  await session.page.goto(url);
  await session.page.locator(HEADLINE).waitFor({ timeout: 20_000 });
  return session;
}

const share = async (page) => Number(await page.locator(HEADLINE).getAttribute('data-share'));

async function waitForShare(page, want) {
  let last;
  await poll(async () => {
    last = await share(page).catch(() => NaN);
    return Math.abs(last - want) < 1e-9;
  }, { timeout: 15_000 }).catch(() => {});
  assert.ok(Math.abs(last - want) < 1e-9, `headline share ${last}, want ${want}`);
}

async function summaryText(page) {
  const s = page.locator(SUMMARY);
  await s.waitFor({ timeout: 15_000 });
  return (await s.innerText()).trim();
}

async function pick(page, name, body, mimeType = 'text/csv') {
  await page.locator('#own-file').setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(body) ? body : Buffer.from(body) });
}

test('a picked CSV replaces the sites: headline, report, "Your data" line; Back restores', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  try {
    const defaultShare = await share(page);
    assert.ok(Math.abs(defaultShare - GOOD_SHARE) > 1e-3, 'the test file must change the figure');
    await page.locator('#own-data > summary').click();
    assert.match(await page.locator('#own-data').innerText(), /never sent anywhere/);
    assert.equal(await page.locator('#own-template').getAttribute('href'), 'data/template-sites.csv');
    await pick(page, 'mine.csv', GOOD);
    assert.equal(await summaryText(page), '3 rows read: 3 accepted, 0 rejected');
    await waitForShare(page, GOOD_SHARE);
    // The core, reading the same file natively, agrees with the sums here and with the page.
    const tmp = path.join(os.tmpdir(), `coverboard-own-${process.pid}.csv`);
    fs.writeFileSync(tmp, GOOD);
    try {
      const core = expected('ENG', '2021-03-31', '--sites', tmp);
      assert.ok(Math.abs(core.share - GOOD_SHARE) < 1e-9, `core ${core.share} vs node ${GOOD_SHARE}`);
      assert.equal((await page.locator(HEADLINE).innerText()).trim(), core.share_text);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    const asAt = await page.locator('.as-at').innerText();
    assert.match(asAt, /Your data: mine\.csv \(loaded \d{1,2} [A-Z][a-z]{2} \d{4}\)/);
    await page.locator('#own-back').click();
    await waitForShare(page, defaultShare);
    assert.equal(await page.locator('#own-source').count(), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('2 bad rows among 5: counted, listed with row and field, the 3 good ones shown', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  try {
    await page.locator('#own-data > summary').click();
    await pick(page, 'five.csv', FIVE_TWO_BAD);
    assert.equal(await summaryText(page), '5 rows read: 3 accepted, 2 rejected');
    const rows = await page.locator('#own-problems tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0].slice(0, 3), ['3', 'footprint', 'E99999999']);
    assert.deepEqual(rows[1].slice(0, 3), ['5', 'live_from', '43921']);
    assert.match(rows[1][3], /YYYY-MM-DD/);
    await waitForShare(page, shareOf(['E08000015', 'E08000006', 'E06000057']));
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('a semicolon file and a UTF-16 file get their own messages and change nothing', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  try {
    const before = await share(page);
    await page.locator('#own-data > summary').click();
    await pick(page, 'semi.csv', 'site_id;name;model;live_from;footprint\nA1;Wirral;PACS;2015-03-10;E08000015\n');
    await summaryText(page);
    let report = await page.locator('#own-report').innerText();
    assert.match(report, /uses semicolons; coverboard reads comma-separated files/);
    assert.match(report, /0 rows read: 0 accepted, 0 rejected/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]);
    await pick(page, 'wide.csv', utf16);
    await poll(async () => (await page.locator('#own-report').innerText()).includes('wide.csv'));
    report = await page.locator('#own-report').innerText();
    assert.match(report, /is not UTF-8 \(it looks like UTF-16\); save it as CSV UTF-8/);
    assert.equal(await share(page), before);
    assert.equal(await page.locator('#own-back').count(), 0, 'nothing loaded, nothing to go back from');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('a file dropped on the drop zone loads', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  try {
    await page.locator('#own-data > summary').click();
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      const zone = document.querySelector('#own-drop');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, GOOD);
    assert.equal(await summaryText(page), '3 rows read: 3 accepted, 0 rejected');
    await waitForShare(page, GOOD_SHARE);
    assert.match(await page.locator('.as-at').innerText(), /Your data: dropped\.csv/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('?data= with an http address loads that file and stays in the address', { timeout: 60_000 }, async () => {
  const session = await openPage(browser.context);
  const { page, pageErrors } = session;
  try {
    const address = `${server.url}own/plan.csv`;
    await page.route('**/own/plan.csv', (route) =>
      route.fulfill({ status: 200, contentType: 'text/csv', body: GOOD }),
    );
    await page.goto(`${server.url}?data=${encodeURIComponent(address)}`);
    assert.equal(await summaryText(page), '3 rows read: 3 accepted, 0 rejected');
    await waitForShare(page, GOOD_SHARE);
    assert.match(await page.locator('.as-at').innerText(), /Your data: plan\.csv/);
    assert.ok(page.url().includes('data='), `address keeps data=: ${page.url()}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

for (const bad of ['javascript:alert(1)', 'file:///etc/passwd']) {
  test(`?data=${bad} is refused with a message`, { timeout: 60_000 }, async () => {
    const { page, pageErrors } = await open();
    try {
      await page.goto(`${server.url}?data=${encodeURIComponent(bad)}`);
      await page.locator(HEADLINE).waitFor({ timeout: 20_000 });
      await summaryText(page);
      const report = await page.locator('#own-report').innerText();
      assert.match(report, /only http:\/\/ and https:\/\/ addresses are read/);
      assert.match(report, /0 rows read/);
      assert.equal(await page.locator('#own-source').count(), 0);
      assert.deepEqual(pageErrors, []);
    } finally {
      await page.close();
    }
  });
}

test('?data= serving JSON (no .json in the address) loads the same sites', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await openPage(browser.context);
  try {
    const json = JSON.stringify([
      { site_id: 'J1', name: 'Wirral', model: 'PACS', live_from: '2015-03-10', footprint: ['E08000015'] },
      { site_id: 'J2', name: 'Salford and Bolton', model: 'MCP', live_from: '2016-01', footprint: 'E08000006;E08000001' },
      { site_id: 'J3', name: 'Northumberland', model: 'ICS', live_from: '2018-04-01', footprint: ['E06000057', 'E08000015'] },
    ]);
    await page.route('**/own/plan', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: json }),
    );
    await page.goto(`${server.url}?data=${encodeURIComponent(`${server.url}own/plan`)}`);
    assert.equal(await summaryText(page), '3 rows read: 3 accepted, 0 rejected');
    await waitForShare(page, GOOD_SHARE);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('text that looks like code stays text: no script runs, no dialog', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  try {
    await page.locator('#own-data > summary').click();
    const body = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'bad_inputs', 'ok-script-in-name.csv'));
    await pick(page, 'ok-script-in-name.csv', body);
    assert.equal(await summaryText(page), '2 rows read: 2 accepted, 0 rejected');
    await poll(async () => (await page.content()).includes('&lt;script&gt;alert(1)&lt;/script&gt;'), { timeout: 10_000 });
    assert.ok((await page.content()).includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is shown as text');
    assert.equal(await page.evaluate(() => document.querySelectorAll('script:not([src])').length > 0 &&
      [...document.querySelectorAll('script')].some((s) => s.textContent.includes('alert(1)'))), false);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('an areas file replaces the areas and says which sites it left out', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  try {
    await page.locator('#own-data > summary').click();
    const body = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'bad_inputs', 'ok-areas.csv'));
    await pick(page, 'ok-areas.csv', body);
    assert.equal(await summaryText(page), '2 rows read: 2 accepted, 0 rejected');
    const report = await page.locator('#own-report').innerText();
    // Only sites whose whole footprint is Wirral (E08000015) resolve in these two pieces.
    const sitesCsv = readCsv('sites.csv');
    const left = sitesCsv.filter((s) => s.footprint.split(';').some((c) => c.trim() && c.trim() !== 'E08000015'));
    assert.match(report, new RegExp(`${left.length} sites left out`));
    // The negative 2020 population is listed: row 3, field pop_2020, value -5.
    const rows = await page.locator('#own-problems tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
    assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['3', 'pop_2020', '-5']]);
    assert.match(await page.locator('.as-at').innerText(), /Your data: ok-areas\.csv/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('a file of 257 bad rows: the page lists the first 200, the CSV download has all 257', { timeout: 60_000 }, async () => {
  const { page, pageErrors } = await open();
  try {
    await page.locator('#own-data > summary').click();
    let body = HEADER;
    for (let i = 0; i < 257; i++) body += `S${i},Site ${i},XYZ,2019-01,,E08000015\n`;
    body += 'OK,Fine,PACS,2019-01,,E08000015\n';
    await pick(page, 'many.csv', body);
    assert.equal(await summaryText(page), '258 rows read: 1 accepted, 257 rejected');
    assert.equal(await page.locator('#own-problems tbody tr').count(), 200);
    assert.match(await page.locator('#own-problems-more').innerText(), /first 200 of 257 problems/);
    const button = page.locator('#own-problems-csv');
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), button.click()]);
    assert.equal(await d.failure(), null);
    assert.equal(d.suggestedFilename(), 'coverboard-problems-many-csv.csv');
    const lines = parseCsv(fs.readFileSync(await d.path(), 'utf8').replace(/^\uFEFF/, ''));
    const header = lines.findIndex((r) => r[0] === 'row');
    assert.deepEqual(lines[header], ['row', 'field', 'value', 'reason', 'effect']);
    const problems = lines.slice(header + 1).filter((r) => r.length === 5);
    assert.equal(problems.length, 257);
    assert.deepEqual(problems.map((r) => Number(r[0])), Array.from({ length: 257 }, (_, i) => i + 2));
    assert.ok(problems.every((r) => r[1] === 'model' && r[2] === 'XYZ'));
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});
