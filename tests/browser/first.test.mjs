// The first view (src/first/main.rs): the small wasm that shows the headline, summary and main
// chart before the full app loads (issue 7), and the build's prerender of the default view
// (scripts/post_build.mjs), which is on the page before any WebAssembly runs. Checked with the
// full app held back (its wasm never answers), so that the first view stays on the page: the
// prerender's figures are the core's, the first view keeps it only for the data it was drawn
// from and never shows it for a link with a query; the first view's own figures are the core's
// for the link's view, its data text is inert, and then the handover: the full app takes over,
// each data file fetched once; a failure in the first view leaves the full app to report it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launchBrowser, openPage, expected, waitForText, REPO_ROOT, DIST } from './helpers.mjs';

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

/** Holds the full app back: its wasm is asked for but never answered. */
function holdBackApp() {
  server.misbehave('/coverboard_bg.wasm', () => {
    /* never answers */
  });
}

async function firstChartDrawn(page) {
  await page.waitForFunction(() => performance.getEntriesByName('coverboard:first-chart').length > 0, null, { timeout: 20_000 });
}

/** The first view's mark that it kept the prerendered page. */
async function prerenderKept(page) {
  await page.waitForFunction(() => performance.getEntriesByName('coverboard:first-prerender-kept').length > 0, null, { timeout: 20_000 });
}

/** When the browser painted the element with elementtiming=`id` (element timing), or null. */
function paintedAt(page, id) {
  return page.evaluate((id) => new Promise((resolve) => {
    let at = null;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.identifier === id) at = e.renderTime || e.loadTime;
    });
    observer.observe({ type: 'element', buffered: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(at);
    }, 100);
  }), id);
}

test('the default view is in the built page: figures and chart show with no WebAssembly at all', { timeout: 60_000 }, async () => {
  const { page } = await openPage(browser.context);
  // No wasm runs: what is seen is the HTML the build wrote.
  await page.route('**/*.wasm', (route) => route.abort());
  try {
    await page.goto(server.url);
    const img = page.locator('#first-chart-img');
    await img.waitFor({ state: 'visible' });
    const eng = expected('ENG', '2021-03-31');
    assert.equal((await page.locator('#first-coverage').textContent()).trim(), eng.share_text);
    assert.equal((await page.locator('#first-headline-title').textContent()).trim(), 'England at 31 Mar 2021');
    assert.match(await page.locator('#first-narrative').innerText(), new RegExp(eng.share_text.replace('.', '\\.')));
    assert.match(await page.locator('#first-body').getAttribute('data-prerender'), /^[0-9a-f]{16}$/);
    assert.equal(await page.locator('#first-body .prerender-wait').isVisible(), false);
    // The chart: an SVG image, decoded, laid out at the column's width, described for a screen
    // reader with the same figures, and painted (element timing saw it).
    const shown = await img.evaluate((i) => ({ w: i.naturalWidth, src: new URL(i.src).pathname, alt: i.alt, complete: i.complete }));
    // Named by its own content (scripts/post_build.mjs), not by the data's key.
    assert.match(shown.src, /^\/first-chart-[0-9a-f]{16}\.svg$/);
    assert.ok(shown.complete && shown.w > 0, JSON.stringify(shown));
    assert.match(shown.alt, new RegExp(`England\\. At 31 Mar 2021 coverage is ${eng.share_text.replace('.', '\\.')} against a target of 50\\.0%`));
    const box = await img.boundingBox();
    assert.ok(box.width > 600 && box.height >= 300, `the chart has a size: ${JSON.stringify(box)}`);
    assert.ok((await paintedAt(page, 'first-chart')) > 0, 'element timing reports the chart painted');
    // It is a chart, not a blank: the image has the main lines' colours in it.
    const inked = await img.evaluate((i) => {
      const c = document.createElement('canvas');
      c.width = i.naturalWidth;
      c.height = i.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(i, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let k = 0; k < d.length; k += 4) if (d[k] < 200 || d[k + 1] < 200 || d[k + 2] < 200) n++;
      return n;
    });
    assert.ok(inked > 5000, `only ${inked} inked pixels`);
  } finally {
    await page.close();
  }
});

test('the first view keeps the prerendered page when the files are the ones it was drawn from', { timeout: 60_000 }, async () => {
  holdBackApp();
  const { page, pageErrors } = await openPage(browser.context);
  try {
    await page.goto(server.url);
    await prerenderKept(page);
    assert.equal(await page.locator('#first-chart').count(), 0, 'no canvas: nothing redrawn');
    assert.equal(await page.locator('#first-chart-img').isVisible(), true);
    assert.match(await page.locator('#first-body').getAttribute('data-prerender'), /^[0-9a-f]{16}$/);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('coverboard:first-chart').length), 0);
    // The first view started only once the prerendered chart had been painted (first-gate.js).
    const painted = await paintedAt(page, 'first-chart');
    const started = await page.evaluate(() => performance.getEntriesByName('coverboard:first-start')[0]?.startTime);
    assert.ok(painted > 0 && started >= painted, `chart painted at ${painted} ms, first view started at ${started} ms`);
    // It went on to load the full app (held back here).
    await page.waitForFunction(() => [...document.scripts].some((s) => /coverboard\.js$/.test(s.src)));
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
    server.behave();
  }
});

test('the first view waits for the prerendered chart only when it is shown, and not for ever', { timeout: 60_000 }, async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const svg = (html.match(/first-chart-[0-9a-f]{16}\.svg/) || [])[0];
  assert.ok(svg, 'index.html names the prerendered chart');
  const never = () => {
    /* never answers */
  };
  /** Opens `link` with the full app held back and the chart answered by `answer`, then `check`. */
  async function withChart(answer, link, check) {
    holdBackApp();
    server.misbehave(`/${svg}`, answer);
    const { page } = await openPage(browser.context);
    try {
      await page.goto(link, { waitUntil: 'domcontentloaded' });
      await check(page);
    } finally {
      await page.close();
      server.behave();
    }
  }
  // A link with a query: the chart is not shown, so a chart that never comes holds nothing up.
  await withChart(never, `${server.url}?date=2019-03-31`, firstChartDrawn);
  // The default link, the chart failing: the first view starts and keeps the page's figures.
  await withChart((req, res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('oops'), server.url, prerenderKept);
  // The default link, the chart never answering: the first view starts all the same, 3 s on.
  await withChart(never, server.url, async (page) => {
    const started = await page
      .waitForFunction(() => performance.getEntriesByName('coverboard:first-start')[0]?.startTime, null, { timeout: 20_000 })
      .then((h) => h.jsonValue());
    assert.ok(started >= 3000, `started at ${started} ms, not before the 3 s limit`);
    await prerenderKept(page);
  });
});

test('files that differ from the ones the build drew: the first view replaces the prerender with its own page', { timeout: 60_000 }, async () => {
  holdBackApp();
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'manifest.json'), 'utf8'));
  manifest.data_as_at = '2023-01-15';
  const { page, pageErrors } = await openPage(browser.context);
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(manifest) }));
  try {
    await page.goto(server.url);
    await firstChartDrawn(page);
    assert.equal(await page.locator('#first-chart-img').count(), 0);
    assert.equal(await page.locator('#first-body').getAttribute('data-prerender'), null);
    assert.equal(await page.locator('#first-chart').getAttribute('data-drawn'), '1');
    // The served manifest's date, not the build's.
    assert.match(await page.locator('#first-view .as-at').innerText(), /15 Jan 2023/);
    const eng = expected('ENG', '2021-03-31');
    assert.equal((await page.locator('#first-coverage').textContent()).trim(), eng.share_text);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('coverboard:first-prerender-kept').length), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
    server.behave();
  }
});

test('on a narrow screen the first view keeps the prerendered text and draws the chart at the screen\'s width', { timeout: 60_000 }, async () => {
  holdBackApp();
  const { page, pageErrors } = await openPage(browser.context);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(server.url);
    await firstChartDrawn(page);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    assert.ok(marks.includes('coverboard:first-prerender-kept'), JSON.stringify(marks));
    assert.equal(await page.locator('#first-chart-img').count(), 0);
    assert.match(await page.locator('#first-body').getAttribute('data-prerender'), /^[0-9a-f]{16}$/);
    const eng = expected('ENG', '2021-03-31');
    assert.equal((await page.locator('#first-coverage').textContent()).trim(), eng.share_text);
    const canvas = page.locator('#first-chart');
    assert.equal(await canvas.getAttribute('data-drawn'), '1');
    assert.match(await canvas.getAttribute('aria-label'), /^Coverage over time for England\. At 31 Mar 2021/);
    const box = await canvas.boundingBox();
    assert.ok(box.width > 300 && box.width <= 390 && box.height >= 300, `drawn at the screen's width: ${JSON.stringify(box)}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
    server.behave();
  }
});

test('when the first view steps aside before checking the prerendered page, the page stops showing it', { timeout: 60_000 }, async () => {
  holdBackApp();
  server.misbehave('/data/sites.csv', (req, res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('oops'));
  const { page } = await openPage(browser.context);
  try {
    await page.goto(server.url);
    // The full app (held back) would report the problem; meanwhile only the loading line.
    await page.waitForFunction(() => document.getElementById('first-body')?.getAttribute('data-prerender') === null);
    assert.equal(await page.locator('#first-coverage').count(), 0);
    assert.equal(await page.locator('#first-chart-img').count(), 0);
    assert.match(await page.locator('#first-body .loading').innerText(), /Loading/);
  } finally {
    await page.close();
    server.behave();
  }
});

test('a link with a query never shows the prerendered default view', { timeout: 60_000 }, async () => {
  const { page } = await openPage(browser.context);
  await page.route('**/*.wasm', (route) => route.abort());
  try {
    await page.goto(`${server.url}?region=E40000003`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('cb-query')), true);
    assert.equal(await page.locator('#first-coverage').isVisible(), false);
    assert.equal(await page.locator('#first-chart-img').isVisible(), false);
    assert.equal(await page.locator('#first-body .prerender-wait').isVisible(), true);
    assert.match(await page.locator('#first-body .prerender-wait').innerText(), /Loading/);
    // Nothing of it was ever painted.
    assert.equal(await paintedAt(page, 'first-chart'), null);
  } finally {
    await page.close();
  }
});

test('the first view shows the core\'s headline and draws the main chart before the full app, for a link with a query', { timeout: 60_000 }, async () => {
  holdBackApp();
  const { page, pageErrors } = await openPage(browser.context);
  try {
    // The default view's own date, asked for: a query, so the first view draws it.
    await page.goto(`${server.url}?date=2021-03-31`);
    await firstChartDrawn(page);
    const eng = expected('ENG', '2021-03-31');
    assert.equal((await page.locator('#first-coverage').textContent()).trim(), eng.share_text);
    assert.equal((await page.locator('#first-headline-title').textContent()).trim(), 'England at 31 Mar 2021');
    assert.equal(await page.locator('#first-chart').getAttribute('data-drawn'), '1');
    const box = await page.locator('#first-chart').boundingBox();
    assert.ok(box.width > 600 && box.height >= 300, `the chart has a size: ${JSON.stringify(box)}`);
    // The canvas has pixels other than white: the chart was drawn, not just sized.
    const inked = await page.locator('#first-chart').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
      return n;
    });
    assert.ok(inked > 5000, `only ${inked} inked pixels`);
    assert.match(await page.locator('#first-narrative').innerText(), /81\.5%|\d+\.\d%/);
    // The full app is held back: none of its views, and the page says the rest is loading.
    assert.equal(await page.locator('#headline-coverage').count(), 0);
    assert.match(await page.locator('#first-view .first-wait').innerText(), /loading/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
    server.behave();
  }
});

test('the first view follows the link: region and date', { timeout: 60_000 }, async () => {
  holdBackApp();
  const { page } = await openPage(browser.context);
  try {
    await page.goto(`${server.url}?region=E40000003&date=2019-03-31`);
    await firstChartDrawn(page);
    const london = expected('E40000003', '2019-03-31');
    assert.equal((await page.locator('#first-coverage').textContent()).trim(), london.share_text);
    assert.equal((await page.locator('#first-headline-title').textContent()).trim(), 'London at 31 Mar 2019');
  } finally {
    await page.close();
    server.behave();
  }
});

test('data text in the first view is inert text', { timeout: 60_000 }, async () => {
  holdBackApp();
  const payload = '<img src=x onerror="window.__xss=1"> London';
  const areas = fs.readFileSync(path.join(REPO_ROOT, 'public', 'data', 'areas.csv'), 'utf8')
    .replaceAll(',London,', `,"${payload.replaceAll('"', '""')}",`);
  const { page } = await openPage(browser.context);
  await page.route('**/data/areas.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv; charset=utf-8', body: areas }));
  try {
    await page.goto(`${server.url}?region=E40000003`);
    await firstChartDrawn(page);
    assert.match(await page.locator('#first-headline-title').textContent(), /<img src=x onerror="window.__xss=1"> London at/);
    assert.equal(await page.locator('#first-view img').count(), 0, 'no element made from data');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  } finally {
    await page.close();
    server.behave();
  }
});

test('the full app takes over: the first view goes, and each data file is fetched once', { timeout: 60_000 }, async () => {
  const counts = {};
  for (const f of ['manifest.json', 'areas.csv', 'sites.csv', 'milestones.csv']) {
    server.misbehave(`/data/${f}`, (req, res, n, serveFile) => {
      counts[f] = n;
      serveFile();
    });
  }
  const { page, pageErrors } = await openPage(browser.context);
  try {
    await page.goto(server.url);
    const eng = expected('ENG', '2021-03-31');
    assert.equal(await waitForText(page.locator('#headline-coverage'), eng.share_text, 20_000), eng.share_text);
    await page.waitForFunction(() => !document.getElementById('first-view'));
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    assert.ok(marks['coverboard:first-prerender-kept'] < marks['coverboard:app-ready'], JSON.stringify(marks));
    assert.deepEqual(counts, { 'manifest.json': 1, 'areas.csv': 1, 'sites.csv': 1, 'milestones.csv': 1 });
    // The full app is seen and reachable: not hidden under the first view any more.
    assert.equal(await page.locator('#headline-coverage').isVisible(), true);
    assert.equal(await page.locator('main#main').evaluate((m) => getComputedStyle(m).visibility), 'visible');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
    server.behave();
  }
});

test('when the first view cannot show the data, it steps aside and the full app names the problem', { timeout: 60_000 }, async () => {
  server.misbehave('/data/sites.csv', (req, res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('oops'));
  const { page } = await openPage(browser.context);
  try {
    await page.goto(server.url);
    const alert = page.locator('#load-error');
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await alert.innerText(), /sites\.csv/);
    assert.equal(await page.locator('#first-view').count(), 0);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('coverboard:first-chart').length), 0);
  } finally {
    await page.close();
    server.behave();
  }
});
