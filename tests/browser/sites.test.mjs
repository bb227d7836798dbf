// The sites table with the real data: count, a known row's population, search, sorting, the
// region filter and the as-at date with "only live". Expected figures are worked out here, in
// node, from public/data/areas.csv and sites.csv (the same files the page fetches).
// The table draws only the rows in its scroll box's view: the whole list is read by scrolling
// the box from top to bottom, as a reader would (`listedRows`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, serveDist, launchBrowser, openPage, poll, parseCsv, csvLine, bodyText } from './helpers.mjs';

const TABLE = '#sites-table';
const ROWS = '#sites-table tbody tr[data-site-id]';
const COUNT = '#sites-count';
const DEFAULT_DATE = '2021-03-31';
const LONDON = 'E40000003';

// --- the default data, read the simple way ---------------------------------------------------

function readCsv(name) {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', name), 'utf8'));
  const keys = header.map((h) => h.trim().replace(/^\uFEFF/, '').toLowerCase());
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()])));
}

const areas = readCsv('areas.csv');
const sites = readCsv('sites.csv');

/** The pieces a footprint's codes name (any level: piece, LAD, CCG, STP, region, England). */
function footprint(site) {
  const codes = site.footprint.split(';').map((c) => c.trim()).filter(Boolean);
  return areas.filter(
    (p) =>
      codes.includes('E92000001') ||
      codes.some((c) => [p.piece_id, p.lad_code, p.ccg_code, p.stp_code, p.region_code].includes(c)),
  );
}

/** Footprint population at mid-`year` (sum of the pieces), or null with no footprint. */
function population(site, year) {
  const pieces = footprint(site);
  return pieces.length ? pieces.reduce((sum, p) => sum + Number(p[`pop_${year}`]), 0) : null;
}

/** "1,234,567" as the page writes it. */
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The first day of a date given as YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO (the counting rule). */
function startOf(text) {
  const first = text.split('..')[0].trim();
  if (/^\d{4}$/.test(first)) return `${first}-01-01`;
  if (/^\d{4}-\d{2}$/.test(first)) return `${first}-01`;
  return first;
}

const liveAt = (s, date) => startOf(s.live_from) <= date && (!s.live_to || date < startOf(s.live_to));
/** Listed by default: not a network, of a model type the default definition counts (all but ACC). */
const listedByDefault = (s) => s.model !== 'ACC' && s.counts_population !== 'no';
const inRegion = (s, code) => footprint(s).some((p) => p.region_code === code);

// --- the page ----------------------------------------------------------------------------------

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

/** The app with the default data, or with `sitesCsv` in place of sites.csv. */
async function loadApp(sitesCsv) {
  const session = await openPage(browser.context);
  if (sitesCsv !== undefined) {
    await session.page.route('**/data/sites.csv', (route) =>
      route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body: sitesCsv }),
    );
  }
  await session.page.goto(server.url);
  try {
    await session.page.locator(ROWS).first().waitFor({ state: 'attached', timeout: 10_000 });
  } catch (err) {
    const text = await bodyText(session.page).catch(() => '?');
    throw new Error(
      `${ROWS} did not appear within 10 s.\npage errors: ${JSON.stringify(session.pageErrors)}\n` +
        `console errors: ${JSON.stringify(session.consoleErrors)}\nbody text: ${text.slice(0, 500)}`,
      { cause: err },
    );
  }
  return session;
}

/**
 * A locator's text with white space collapsed. textContent, not innerText: the page lets sections
 * below the fold skip rendering (content-visibility), and innerText of unrendered text is empty.
 */
async function textOf(locator) {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Every matching element's text, white space collapsed. */
const textsOf = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

/** Waits until the count text is `want`; returns the last text seen. */
async function waitForCount(page, want) {
  let last = null;
  await poll(async () => {
    last = await textOf(page.locator(COUNT));
    return last === want;
  });
  return last;
}

/** The ids of the rows drawn now, top to bottom. */
const rowIds = (page) => page.locator(ROWS).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-site-id')));

/**
 * Every listed row, in order, read by scrolling the table's box from the top to the bottom (rows
 * are drawn only near the view): [{ id, pop, region, state }], one per aria-rowindex 2…rowcount.
 */
async function listedRows(page) {
  await page.locator('#sites-table').scrollIntoViewIfNeeded();
  return page.evaluate(async () => {
    const box = document.querySelector('.sites-scroll');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const seen = new Map();
    box.scrollTop = 0;
    await frame();
    await frame();
    for (let step = 0; step < 100_000; step++) {
      for (const tr of box.querySelectorAll('tbody tr[data-site-id]')) {
        const value = tr.querySelector('td.population .value');
        seen.set(Number(tr.getAttribute('aria-rowindex')), {
          id: tr.getAttribute('data-site-id'),
          pop: value ? Number(value.textContent.replace(/,/g, '')) : null,
          region: tr.querySelector('td.region').textContent.trim(),
          state: tr.querySelector('td.live-from .live-state').textContent.trim(),
        });
      }
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
      box.scrollTop += Math.max(box.clientHeight / 2, 50);
      await frame();
      await frame();
    }
    const count = Number(document.querySelector('#sites-table').getAttribute('aria-rowcount')) - 1;
    box.scrollTop = 0;
    await frame();
    return Array.from({ length: count }, (_, i) => seen.get(i + 2) ?? null);
  });
}

/** Scrolls the table's box until the row of site `id` is drawn; its locator. */
async function scrollToRow(page, id) {
  await page.locator('#sites-table').scrollIntoViewIfNeeded();
  const found = await page.evaluate(async (id) => {
    const box = document.querySelector('.sites-scroll');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    box.scrollTop = 0;
    await frame();
    for (let step = 0; step < 100_000; step++) {
      const tr = box.querySelector(`tbody tr[data-site-id="${id}"]`);
      if (tr) {
        tr.scrollIntoView({ block: 'nearest' });
        await frame();
        return true;
      }
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) return false;
      box.scrollTop += Math.max(box.clientHeight / 2, 50);
      await frame();
      await frame();
    }
    return false;
  }, id);
  assert.ok(found, `row ${id} found by scrolling the table`);
  return page.locator(`${ROWS}[data-site-id="${id}"]`);
}

test('default data: 83 of 96 sites listed (ACC networks hidden), in live-from order', { timeout: 30_000 }, async () => {
  const { page, pageErrors, consoleErrors } = await loadApp();
  try {
    const listed = sites.filter(listedByDefault);
    assert.equal(sites.length, 96);
    assert.equal(listed.length, 83);
    assert.equal(await waitForCount(page, `Showing ${listed.length} of ${sites.length} sites.`), 'Showing 83 of 96 sites.');
    // The table tells assistive technology the whole list's size, whatever is drawn.
    assert.equal(await page.locator(TABLE).getAttribute('aria-rowcount'), '84');
    const rows = await listedRows(page);
    assert.equal(rows.length, 83);
    assert.ok(rows.every(Boolean), 'every row reached by scrolling');
    const ids = rows.map((r) => r.id);
    assert.deepEqual([...ids].sort(), listed.map((s) => s.site_id).sort());
    assert.ok(!ids.includes('V40'), 'Royal Free London (an ACC network) is hidden by default');

    // Default sort: live-from date, ascending, marked on its header.
    assert.equal(await page.locator(`${TABLE} th.col-live-from`).getAttribute('aria-sort'), 'ascending');
    assert.equal(await page.locator(`${TABLE} th.col-population`).getAttribute('aria-sort'), 'none');
    const starts = ids.map((id) => startOf(sites.find((s) => s.site_id === id).live_from));
    assert.deepEqual(starts, [...starts].sort(), 'rows in live-from order');

    // The search box has a visible label.
    const label = page.locator('label[for="sites-search"]');
    await label.scrollIntoViewIfNeeded();
    assert.ok(await label.isVisible());
    assert.equal(await textOf(label), 'Search sites');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await page.close();
  }
});

test('a known row: Wirral Partners at mid-2021, and a three-district footprint, equal the sums of areas.csv', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    for (const id of ['V01', 'V02', 'I-E54000050']) {
      const site = sites.find((s) => s.site_id === id);
      const want = thousands(population(site, 2021));
      const row = await scrollToRow(page, id);
      assert.equal(await textOf(row.locator('td.population .value')), want, `${id} population`);
      assert.match(await textOf(row.locator('td.population')), /derived/, `${id} population status`);
      assert.equal(await textOf(row.locator('th .name')), site.name);
    }
    assert.equal(thousands(population(sites.find((s) => s.site_id === 'V01'), 2021)), '320,600');
    const wirral = await scrollToRow(page, 'V01');
    assert.equal(await textOf(wirral.locator('td.region')), 'North West');
    assert.equal(await textOf(wirral.locator('td.live-from .date')), '10 Mar 2015');
    assert.equal(await textOf(wirral.locator('td.counted')), 'counts');
    const link = wirral.locator('td.source a');
    assert.equal(await link.getAttribute('href'), sites.find((s) => s.site_id === 'V01').source_url);
    assert.equal(await textOf(link), 'england.nhs.uk');

    // A published figure with its own status beside the derived one.
    const northumberland = page.locator(`${ROWS}[data-site-id="V04"] td.published`);
    assert.match(await textOf(northumberland), /^320,000\s+verified$/);

    // Focus (keyboard) shows the row's value, status and source.
    await wirral.focus();
    const tip = page.locator('#sites-tip');
    await tip.waitFor({ state: 'visible' });
    const text = await textOf(tip);
    for (const part of ['Wirral Partners', '320,600', 'derived', 'england.nhs.uk']) {
      assert.ok(text.includes(part), `tip shows ${part}: ${text}`);
    }
    assert.equal(await wirral.getAttribute('aria-describedby'), 'sites-tip');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-site-id'));
    const ids = await rowIds(page);
    assert.equal(focused, ids[ids.indexOf('V01') + 1], 'ArrowDown moves to the next row');

    // Networks on request: no defined population rather than 0, and why they do not count.
    await page.locator('#sites-include-all').check();
    assert.equal(await waitForCount(page, 'Showing 96 of 96 sites.'), 'Showing 96 of 96 sites.');
    const royalFree = await scrollToRow(page, 'V40');
    assert.equal(await textOf(royalFree.locator('td.population')), 'no defined population');
    assert.match(await textOf(royalFree.locator('td.counted')), /not counted[\s\S]*network/);
    assert.equal(await textOf(royalFree.locator('td.region')), '—');
  } finally {
    await page.close();
  }
});

test('search narrows the list (name, id or area code, any case) and says so', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    const search = page.locator('#sites-search');
    await search.fill('WIRRAL');
    assert.equal(await waitForCount(page, 'Showing 1 of 96 sites.'), 'Showing 1 of 96 sites.');
    assert.deepEqual(await rowIds(page), ['V01']);
    await search.fill('e54000030');
    assert.equal(await waitForCount(page, 'Showing 1 of 96 sites.'), 'Showing 1 of 96 sites.');
    assert.deepEqual(await rowIds(page), ['I-E54000030']);
    const londonIcs = sites.filter((s) => listedByDefault(s) && s.model === 'ICS' && inRegion(s, LONDON));
    await search.fill('london ics');
    const want = `Showing ${londonIcs.length} of 96 sites.`;
    assert.equal(await waitForCount(page, want), want);
    await search.fill('no such site anywhere');
    assert.equal(await waitForCount(page, 'Showing 0 of 96 sites.'), 'Showing 0 of 96 sites.');
    assert.match(await textOf(page.locator(`${TABLE} tbody`)), /No sites match/);
    await search.fill('');
    assert.equal(await waitForCount(page, 'Showing 83 of 96 sites.'), 'Showing 83 of 96 sites.');
  } finally {
    await page.close();
  }
});

test('sorting: population largest first, a second click reverses; aria-sort follows', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    const listed = sites.filter(listedByDefault).map((s) => ({ id: s.site_id, pop: population(s, 2021) }));
    const largest = listed.reduce((a, b) => (b.pop > a.pop ? b : a));
    const smallest = listed.filter((s) => s.pop !== null).reduce((a, b) => (b.pop < a.pop ? b : a));
    assert.equal(largest.id, 'I-E54000050', 'Cumbria and North East is the largest footprint');

    const header = page.locator(`${TABLE} th.col-population`);
    await header.locator('button').click();
    await poll(async () => (await header.getAttribute('aria-sort')) === 'descending');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.equal(await page.locator(`${TABLE} th.col-live-from`).getAttribute('aria-sort'), 'none');
    await poll(async () => (await rowIds(page))[0] === largest.id);
    assert.equal((await rowIds(page))[0], largest.id);
    let pops = (await listedRows(page)).map((r) => r.pop);
    assert.equal(pops.length, listed.length);
    assert.ok(pops.every((p, i) => i === 0 || pops[i - 1] >= p), 'population descending');

    await header.locator('button').click();
    await poll(async () => (await header.getAttribute('aria-sort')) === 'ascending');
    await poll(async () => (await rowIds(page))[0] === smallest.id);
    assert.equal((await rowIds(page))[0], smallest.id);
    pops = (await listedRows(page)).map((r) => r.pop);
    assert.ok(pops.every((p, i) => i === 0 || pops[i - 1] <= p), 'population ascending');

    // By name, A to Z.
    await page.locator(`${TABLE} th.col-name button`).click();
    await poll(async () => (await page.locator(`${TABLE} th.col-name`).getAttribute('aria-sort')) === 'ascending');
    const ids = (await listedRows(page)).map((r) => r.id);
    assert.equal(ids.length, listed.length);
    const names = ids.map((id) => sites.find((s) => s.site_id === id).name.toLowerCase());
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  } finally {
    await page.close();
  }
});

test('Region = London lists only the sites whose footprint touches London', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    const london = sites.filter((s) => listedByDefault(s) && inRegion(s, LONDON));
    assert.equal(london.length, 8);
    await page.selectOption('select#region-select', LONDON);
    const want = `Showing ${london.length} of 96 sites whose footprint touches London.`;
    assert.equal(await waitForCount(page, want), want);
    assert.deepEqual((await rowIds(page)).sort(), london.map((s) => s.site_id).sort());
    const regions = await textsOf(page.locator(`${ROWS} td.region`));
    assert.ok(regions.every((r) => r.includes('London')), JSON.stringify(regions));
    await page.selectOption('select#region-select', 'ENG');
    assert.equal(await waitForCount(page, 'Showing 83 of 96 sites.'), 'Showing 83 of 96 sites.');
  } finally {
    await page.close();
  }
});

test('"Only sites live" follows the as-at date', { timeout: 30_000 }, async () => {
  const { page } = await loadApp();
  try {
    const liveCount = (date) => sites.filter((s) => listedByDefault(s) && liveAt(s, date)).length;
    assert.equal(liveCount(DEFAULT_DATE), 66);
    assert.equal(liveCount('2017-06-30'), 47);

    await page.locator('#sites-live-only').check();
    let want = `Showing ${liveCount(DEFAULT_DATE)} of 96 sites.`;
    assert.equal(await waitForCount(page, want), want);
    const live = await listedRows(page);
    assert.equal(live.length, liveCount(DEFAULT_DATE));
    const states = live.map((r) => r.state);
    assert.ok(states.every((t) => t.startsWith('live')), JSON.stringify(states));

    await page.locator('#asat-date').fill('2017-06-30');
    await page.locator('#asat-date').dispatchEvent('change');
    want = `Showing ${liveCount('2017-06-30')} of 96 sites.`;
    assert.equal(await waitForCount(page, want), want);
    const ids = (await listedRows(page)).map((r) => r.id);
    const expectIds = sites.filter((s) => listedByDefault(s) && liveAt(s, '2017-06-30')).map((s) => s.site_id);
    assert.deepEqual([...ids].sort(), expectIds.sort());
    // Populations follow the as-at year: Wirral at mid-2017.
    const wirral = (await scrollToRow(page, 'V01')).locator('td.population .value');
    assert.equal(await textOf(wirral), thousands(population(sites[0], 2017)));
    assert.match(await textOf(page.locator(`${TABLE} th.col-population`)), /mid-2017/);

    // Unticked: every listed site again, with the ones not yet live saying so.
    await page.locator('#sites-live-only').uncheck();
    assert.equal(await waitForCount(page, 'Showing 83 of 96 sites.'), 'Showing 83 of 96 sites.');
    const cheshire = (await scrollToRow(page, 'I-E54000008')).locator('.live-state');
    assert.equal(await textOf(cheshire), 'not yet live');
  } finally {
    await page.close();
  }
});

test("an analyst's list of 2,000 more sites: all listed in one scroll box, the keys reach every row; data text stays text", { timeout: 90_000 }, async (t) => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'sites.csv'), 'utf8');
  const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
  const col = (name) => header.indexOf(name);
  const wirral = rows.find((r) => r[col('site_id')] === 'V01');
  const extra = [];
  for (let i = 1; i <= 2000; i++) {
    const r = [...wirral];
    r[col('site_id')] = `X${String(i).padStart(4, '0')}`;
    r[col('name')] = `Extra site ${i}`;
    extra.push(r);
  }
  const evil = [...wirral];
  evil[col('site_id')] = 'EVIL';
  evil[col('name')] = '<img src=x onerror="window.__xss=1">Evil & <b>bold</b>';
  evil[col('source_url')] = 'javascript:window.__xss=2';
  const body = [header, ...rows, ...extra, evil].map(csvLine).join('\n') + '\n';

  const t0 = Date.now();
  const { page, pageErrors } = await loadApp(body);
  try {
    const want = 'Showing 2,084 of 2,097 sites.';
    assert.equal(await waitForCount(page, want), want);
    t.diagnostic(`2,097 sites: table shown ${Date.now() - t0} ms after navigation`);
    assert.equal(await page.locator(TABLE).getAttribute('aria-rowcount'), '2085');
    assert.equal(await page.locator('#sites-more').count(), 0, 'no "Show more": every row is in the one list');
    t.diagnostic(`rows in the page: ${await page.locator(ROWS).count()} of 2,084`);

    // The keys walk the whole list, drawn or not: End reaches the last row, Home the first.
    const first = page.locator(ROWS).first();
    await first.scrollIntoViewIfNeeded();
    await first.focus();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el?.matches('#sites-table tbody tr[data-site-id]') ? Number(el.getAttribute('aria-rowindex')) : null;
    });
    assert.equal(await focused(), 2);
    await page.keyboard.press('End');
    await poll(async () => (await focused()) === 2085);
    assert.equal(await focused(), 2085, 'End: the last of 2,084 rows has the focus');
    const inBox = () => page.evaluate(() => {
      const box = document.querySelector('.sites-scroll').getBoundingClientRect();
      const r = document.activeElement.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    });
    assert.ok(await inBox(), 'the focused last row is in the box\'s view');
    await page.keyboard.press('ArrowUp');
    await poll(async () => (await focused()) === 2084);
    await page.keyboard.press('PageUp');
    await poll(async () => (await focused()) < 2084);
    assert.ok((await focused()) < 2084, 'Page Up moves up a screen');
    await page.keyboard.press('Home');
    await poll(async () => (await focused()) === 2);
    assert.equal(await focused(), 2, 'Home: the first row');
    assert.ok(await inBox());
    // Scrolling the box to the bottom draws the last row there.
    await poll(async () => {
      await page.evaluate(() => { const b = document.querySelector('.sites-scroll'); b.scrollTop = b.scrollHeight; });
      return (await page.locator(`${ROWS}[aria-rowindex="2085"]`).count()) === 1;
    });
    assert.equal(await page.locator(`${ROWS}[aria-rowindex="2085"]`).count(), 1);

    const s0 = Date.now();
    await page.locator('#sites-search').fill('extra site 1999');
    assert.equal(await waitForCount(page, 'Showing 1 of 2,097 sites.'), 'Showing 1 of 2,097 sites.');
    t.diagnostic(`search over 2,097 sites answered in ${Date.now() - s0} ms`);
    assert.deepEqual(await rowIds(page), ['X1999']);

    // Names and links from data are text, never markup; a javascript: URL is not a link.
    await page.locator('#sites-search').fill('evil');
    assert.equal(await waitForCount(page, 'Showing 1 of 2,097 sites.'), 'Showing 1 of 2,097 sites.');
    const row = page.locator(`${ROWS}[data-site-id="EVIL"]`);
    assert.equal(await textOf(row.locator('th .name')), evil[col('name')]);
    assert.equal(await row.locator('img, b').count(), 0, 'no elements made from data');
    assert.equal(await row.locator('td.source a').count(), 0, 'no link for a javascript: URL');
    assert.equal(await page.evaluate(() => window.__xss), undefined);

    // Cleared: the whole list again, from the top, every row reachable by scrolling.
    await page.locator('#sites-search').fill('');
    assert.equal(await waitForCount(page, want), want);
    assert.equal((await rowIds(page))[0], (await listedRows(page))[0].id);
    const all = await listedRows(page);
    assert.equal(all.length, 2084);
    assert.ok(all.every(Boolean), 'every one of 2,084 rows drawn at some scroll position');
    assert.equal(new Set(all.map((r) => r.id)).size, 2084);
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
  } finally {
    await page.close();
  }
});
