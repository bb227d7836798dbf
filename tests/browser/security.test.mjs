// Safety in the browser: the built page ships a strict Content-Security-Policy and runs under it
// with no violation (map, deck, an export, the sites search, tooltips); a panic shows the plain
// error page with a Reload button; and XSS payloads in every text field of the data files stay
// inert text in the page and in the SVG and CSV exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, REPO_ROOT, serveDist, launchBrowser, openPage, poll, parseCsv, csvLine, bodyText, waitForChart } from './helpers.mjs';

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

/** A page that records every CSP violation in window.__csp (listening before any script runs). */
async function openRecorded() {
  const session = await openPage(browser.context);
  await session.page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sample})`),
    );
  });
  return session;
}

async function loadApp(session, query = '') {
  await session.page.goto(server.url + query);
  try {
    await session.page.locator('#export-trajectory-svg').waitFor({ state: 'attached', timeout: 15_000 });
  } catch (err) {
    const text = await bodyText(session.page).catch(() => '?');
    throw new Error(
      `the dashboard did not appear.\npage errors: ${JSON.stringify(session.pageErrors)}\n` +
        `console errors: ${JSON.stringify(session.consoleErrors)}\nbody text: ${text.slice(0, 500)}`,
      { cause: err },
    );
  }
  await waitForChart(session.page);
}

/** Clicks `selector` and returns the downloaded file's text. */
async function download(page, selector) {
  const button = page.locator(selector);
  await button.scrollIntoViewIfNeeded();
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), button.click()]);
  assert.equal(await d.failure(), null, `download from ${selector} failed`);
  return fs.readFileSync(await d.path(), 'utf8');
}

/** The policy's directives from the built index.html's <meta http-equiv="Content-Security-Policy">. */
function shippedPolicy() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  // The release build's HTML is minified: attributes in any order, quotes only where needed.
  const tag = (html.match(/<meta\b[^>]*\bhttp-equiv=["']?Content-Security-Policy\b[^>]*>/) || [])[0];
  const meta = tag && tag.match(/\bcontent="([^"]+)"/);
  assert.ok(meta, 'dist/index.html has a Content-Security-Policy meta');
  const directives = new Map(
    meta[1].split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]),
  );
  return { html, directives, policy: meta[1] };
}

test('the build ships a strict CSP: inline only the two blocks it allows by hash', () => {
  const { html, directives, policy } = shippedPolicy();
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  // Own data may be named by any https address (?data=); nothing else leaves the page's own site.
  assert.deepEqual(directives.get('connect-src'), ["'self'", 'https:']);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.deepEqual(directives.get('form-action'), ["'none'"]);
  for (const [name, values] of directives) {
    if (name === 'style-src-attr') continue; // style="left:…" on tooltips (see index.html)
    assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), `${name}: ${values}`);
  }
  // The meta comes before any script or style it governs.
  assert.ok(html.indexOf('Content-Security-Policy') < html.search(/<script|<style|<link\b[^>]*\brel=["']?stylesheet/));
  // Inline scripts and styles: each allowed by its own SHA-256, and the policy allows no other.
  const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const inlineScripts = scripts.filter(([, attrs]) => !/\ssrc=/.test(attrs)).map(([, , body]) => sha(body));
  for (const [, attrs, body] of scripts) if (/\ssrc=/.test(attrs)) assert.equal(body.trim(), '', 'a script with src= has no body');
  assert.deepEqual(directives.get('script-src'), ["'self'", ...inlineScripts, "'wasm-unsafe-eval'"]);
  assert.equal(inlineScripts.length, 1, 'one inline script: first-gate.js');
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map(([, body]) => sha(body));
  assert.deepEqual(directives.get('style-src'), ["'self'", ...styles]);
  assert.equal(styles.length, 1, "one <style>: the first dashboard's");
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
  // The same policy for a header, with what only a header can say (docs/hosting.md).
  assert.equal(fs.readFileSync(path.join(DIST, 'content-security-policy.txt'), 'utf8'), `${policy}; frame-ancestors 'none'\n`);
});

test('the app runs under the CSP with no violation: tooltips, map, deck, an export, sites search', { timeout: 90_000 }, async () => {
  const session = await openRecorded();
  const { page, consoleErrors, pageErrors } = session;
  try {
    await loadApp(session);
    // The chart's tooltip (positioned with a style attribute).
    await page.locator('canvas#coverage-chart').focus();
    await page.keyboard.press('ArrowLeft');
    await page.locator('#chart-tooltip').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    // The map: boundaries fetched, drawn, pointed at.
    await page.locator('#map-toggle').click();
    const firstRow = page.locator('#map-table tbody tr').first();
    await firstRow.waitFor({ state: 'attached' });
    await poll(async () => (await firstRow.getAttribute('data-map-x')) !== null);
    await waitForChart(page, { selector: 'canvas#map-canvas' });
    const x = Number(await firstRow.getAttribute('data-map-x'));
    const y = Number(await firstRow.getAttribute('data-map-y'));
    await page.locator('canvas#map-canvas').hover({ position: { x, y } });
    await page.locator('#map-tooltip').waitFor({ state: 'visible', timeout: 5_000 });
    // The deck, then back.
    await page.locator('#present').click();
    const deck = page.locator('#deck');
    await deck.waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowRight');
    await deck.focus();
    await page.keyboard.press('Escape');
    await deck.waitFor({ state: 'detached' });
    // An export (SVG, saved through a blob: link) and a PNG (drawn off screen).
    const svg = await download(page, '#export-trajectory-svg');
    assert.match(svg, /<svg/);
    await download(page, '#export-trajectory-png');
    // The sites search and a row's tooltip.
    const search = page.locator('#sites-search');
    await search.scrollIntoViewIfNeeded();
    await search.fill('Wirral');
    const wirral = page.locator('#sites-table tbody tr[data-site-id="V01"]');
    await wirral.waitFor({ state: 'attached' });
    await wirral.focus();
    await page.locator('#sites-tip').waitFor({ state: 'visible' });
    await page.waitForTimeout(300); // a late violation report would arrive by now
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
    assert.deepEqual(consoleErrors, [], 'console errors');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
  } finally {
    await page.close();
  }
});

test('a panic replaces the page with a plain error, the message as text, and a Reload button', { timeout: 60_000 }, async () => {
  const session = await openRecorded();
  const { page, consoleErrors } = session;
  try {
    await loadApp(session);
    const message = 'deliberate test panic <img src=x onerror="window.__xss=1">';
    // The export exists only for this test (src/app/panic.rs): the core never panics on input.
    const thrown = await page.evaluate((m) => {
      try {
        // The full app's exports (public/start-app.js); window.wasmBindings is the first view's.
        window.coverboardApp.coverboard_test_panic(m);
        return null;
      } catch (e) {
        return String(e);
      }
    }, message);
    assert.ok(thrown, 'the panic stops the call (the wasm traps)');
    const panel = page.locator('#panic [role="alert"]');
    await panel.waitFor({ state: 'visible' });
    assert.equal((await page.locator('#panic h1').textContent()).trim(), 'Something went wrong inside coverboard');
    assert.match(await page.locator('#panic-message').textContent(), /deliberate test panic <img src=x onerror="window.__xss=1">/);
    assert.equal(await page.locator('#main').count(), 0, 'the dashboard is gone');
    assert.equal(await page.locator('img, [onerror]').count(), 0, 'the message is text, not markup');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.ok(consoleErrors.some((e) => e.includes('deliberate test panic')), `logged to the console: ${consoleErrors}`);
    const reload = page.getByRole('button', { name: 'Reload' });
    assert.equal(await reload.evaluate((b) => b === document.activeElement), true, 'the button has focus');
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await page.locator('#export-trajectory-svg').waitFor({ state: 'attached', timeout: 15_000 });
    assert.equal(await page.locator('#panic').count(), 0, 'the reloaded page is the dashboard');
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
  } finally {
    await page.close();
  }
});

// ---------- XSS payloads in the data ----------

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '"><script>window.__xss=1</script>';
const JS_URL = 'javascript:window.__xss=1';
const FORMULA = '=HYPERLINK("http://x","click")';
const TEMPLATE = '{{7*7}}';
const REGION = `${IMG} London`;

const read = (name) => fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', name), 'utf8');

/** `text` (a CSV file) with fields of the rows picked by `key` replaced. */
function edit(text, key, changes) {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
  const seen = new Set();
  const out = rows.map((r) => {
    const row = Object.fromEntries(header.map((h, i) => [h, r[i]]));
    const change = changes[key(row)];
    if (!change) return r;
    seen.add(key(row));
    for (const col of Object.keys(change)) assert.ok(header.includes(col), `column ${col}`);
    return header.map((h) => (h in change ? change[h] : row[h]));
  });
  assert.deepEqual([...seen].sort(), Object.keys(changes).sort(), 'every edited row exists');
  return [header, ...out].map(csvLine).join('\n') + '\n';
}

const SITES = edit(read('sites.csv'), (r) => r.site_id, {
  V01: { name: IMG, wave: SCRIPT, published_population_note: IMG, date_status: SCRIPT, source_url: JS_URL, note: TEMPLATE },
  V02: { name: SCRIPT, note: IMG, source_url: 'JaVaScRiPt:window.__xss=1', wave: FORMULA },
  V03: { name: FORMULA, note: FORMULA, date_status: TEMPLATE },
  V04: { name: TEMPLATE, status: IMG, published_population_note: SCRIPT },
});

const MILESTONES = edit(read('milestones.csv'), (r) => r.date, {
  '2014-10': { label: IMG, source_title: SCRIPT, publisher: FORMULA, url: JS_URL, note: TEMPLATE },
  '2015-03-10': { label: SCRIPT, source_title: IMG, publisher: TEMPLATE, url: JS_URL, note: FORMULA },
  '2015-07': { label: FORMULA, source_title: IMG, publisher: FORMULA, status: SCRIPT },
});

// London's name in every piece of areas.csv: shown in the filter, headline, narrative, charts.
const AREAS = edit(read('areas.csv'), (r) => (r.region_code === 'E40000003' ? r.piece_id : ''), Object.fromEntries(
  parseCsv(read('areas.csv'))
    .slice(1)
    .filter((r) => r.includes('E40000003'))
    .map((r) => [r[0], { region_name: REGION }]),
));

const SPREADSHEET_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

test('XSS payloads in every text field of the data stay inert text in the page and in every export', { timeout: 90_000 }, async () => {
  const session = await openRecorded();
  const { page, consoleErrors, pageErrors } = session;
  const serve = (name, body) =>
    page.route(`**/data/${name}`, (route) => route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body }));
  await serve('sites.csv', SITES);
  await serve('milestones.csv', MILESTONES);
  await serve('areas.csv', AREAS);
  try {
    await loadApp(session);
    const inert = async (when) => {
      assert.equal(await page.evaluate(() => window.__xss), undefined, `a payload ran (${when})`);
      const live = await page.evaluate(() => ({
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        images: [...document.querySelectorAll('img')].map((i) => i.outerHTML),
        scripts: [...document.scripts].filter((s) => s.textContent.includes('__xss')).length,
        jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
      }));
      assert.deepEqual(live, { handlers: 0, images: [], scripts: 0, jsLinks: 0 }, `markup from data (${when})`);
    };
    await inert('after loading');

    // As text in the page: the sites table (England), its tooltip.
    const name = (id) => page.locator(`#sites-table tbody tr[data-site-id="${id}"] th .name`);
    await name('V01').waitFor({ state: 'attached' });
    assert.equal((await name('V01').textContent()).trim(), IMG);
    assert.equal((await name('V02').textContent()).trim(), SCRIPT);
    assert.equal((await name('V03').textContent()).trim(), FORMULA);
    // V04's name sorts it last of the 29 first-wave sites, below the rows the table draws at first
    // (it draws those in its view): the search brings it up.
    await page.locator('#sites-search').fill('V04');
    await name('V04').waitFor({ state: 'attached' });
    assert.equal((await name('V04').textContent()).trim(), TEMPLATE, 'no template evaluation ({{7*7}} is not 49)');
    await page.locator('#sites-search').fill('');
    await name('V01').waitFor({ state: 'attached' });
    const source = page.locator('#sites-table tbody tr[data-site-id="V01"] td.source');
    assert.equal(await source.locator('a').count(), 0, 'a javascript: URL is not a link');
    await page.locator('#sites-table tbody tr[data-site-id="V01"]').focus();
    const tip = page.locator('#sites-tip');
    await tip.waitFor({ state: 'visible' });
    assert.ok((await tip.textContent()).includes(IMG), 'the site tooltip shows the name as text');
    assert.match(await page.locator('#region-select option[value="E40000003"]').textContent(), /<img src=x onerror="window.__xss=1"> London/);

    // CSV: the formula-like text comes out as text; no cell a spreadsheet would run.
    const checkCsv = async (button, must) => {
      const csv = await download(page, button);
      const cells = parseCsv(csv.replace(/^\uFEFF/, '')).flat();
      assert.ok(cells.some((c) => c.startsWith(must)), `${button} holds ${must}: neutralised; cells with it: ${JSON.stringify(cells.filter((c) => c.includes("HYPERLINK") || c.includes("__xss")))}`);
      assert.ok(cells.includes(IMG) || cells.some((c) => c.includes(IMG)), `${button}: the payload is kept as text`);
      for (const c of cells) {
        if (SPREADSHEET_TRIGGERS.some((t) => c.startsWith(t))) {
          assert.match(c, /^-?\d+(\.\d+)?$/, `${button}: a live formula ${JSON.stringify(c)}`);
        }
      }
    };
    await checkCsv('#export-sites-csv', `'${FORMULA}`);
    await checkCsv('#export-trajectory-csv', `'${FORMULA}`);

    // The regions chart labels London with the payload: its SVG must escape it.
    const regionsSvg = await download(page, '#export-regions-svg');
    assert.ok(regionsSvg.includes('&lt;img'), 'the region label is in the SVG, escaped');
    assert.doesNotMatch(regionsSvg, /<img|<script|<[a-z][^>]*\son[a-z]+\s*=/i, 'no live markup in the regions SVG');

    // London chosen: its name in the narrative, the chart's tooltip, the trajectory SVG's title.
    await page.locator('#region-select').selectOption('E40000003');
    await poll(async () => ((await page.locator('#narrative').textContent()) ?? '').includes(REGION));
    assert.ok((await page.locator('#narrative').textContent()).includes(REGION), 'the narrative names the area as text');
    await page.locator('canvas#coverage-chart').focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
    await page.locator('#chart-tooltip').waitFor({ state: 'visible' });
    await inert('after the tooltips');
    const svg = await download(page, '#export-trajectory-svg');
    assert.ok(svg.includes('&lt;img src=x onerror='), 'the area name is in the SVG, escaped');
    assert.doesNotMatch(svg, /<img|<script|<[a-z][^>]*\son[a-z]+\s*=/i, 'no live markup in the trajectory SVG');
    await inert('after the exports');
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
    assert.deepEqual(pageErrors, [], 'uncaught page errors');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await page.close();
  }
});
