// Bad networks, over a real connection to the local test server (tests/browser/helpers.mjs
// serveDir's misbehave): a data file that answers 500 (retried with back-off, then a message), a server
// error that passes (the retry loads), 404, a web page served in place of the CSV, a server that
// never answers (timeout, aborted), and the offline copy: after one visit the app opens and shows
// its figures with the network off, with a banner saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, serveDist, launchBrowser, openPage, expected, waitForText, poll } from './helpers.mjs';

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

/**
 * Opens the app with the test server answering data/`file` by `handler(req, res, n, serveFile)`
 * over a real connection (n counts the requests for it; serveFile() sends the real file).
 */
async function openWith(file, handler) {
  server.behave();
  let count = 0;
  server.misbehave(`/data/${file}`, (req, res, n, serveFile) => {
    count = n;
    handler(req, res, n, serveFile);
  });
  const session = await openPage(browser.context);
  session.requests = () => count;
  await session.page.goto(server.url);
  return session;
}

const answer = (res, status, type, body) => res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);

async function alertText(page, timeout = 15_000) {
  const alert = page.locator('#load-error');
  await alert.waitFor({ state: 'visible', timeout });
  return alert.innerText();
}

test('a server error is retried with back-off, then named: file, status and attempts', { timeout: 30_000 }, async () => {
  const { page, requests } = await openWith('areas.csv', (req, res) => answer(res, 500, 'text/plain', 'oops'));
  try {
    const text = await alertText(page);
    assert.match(text, /areas\.csv/);
    assert.match(text, /server had an error \(500/);
    assert.match(text, /3 attempts/);
    // The first view's one try (src/first/main.rs steps aside on any failure), then the app's 3.
    assert.equal(requests(), 4);
  } finally {
    await page.close();
  }
});

test('a server error that passes: the second attempt loads the dashboard', { timeout: 30_000 }, async () => {
  const { page, requests, pageErrors } = await openWith('sites.csv', (req, res, n, serveFile) => (n === 1 ? answer(res, 503, 'text/plain', 'busy') : serveFile()));
  try {
    const eng = expected('ENG', '2021-03-31');
    assert.equal(await waitForText(page.locator('#headline-coverage'), eng.share_text, 15_000), eng.share_text);
    assert.equal(requests(), 2);
    assert.equal(await page.locator('#load-error').count(), 0);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('404: not found, named, not retried', { timeout: 30_000 }, async () => {
  const { page, requests } = await openWith('milestones.csv', (req, res) => answer(res, 404, 'text/plain', 'no'));
  try {
    const text = await alertText(page);
    assert.match(text, /milestones\.csv: it was not found on the server \(404\)/);
    // The first view's one try, then the app's one: a 404 is not retried.
    assert.equal(requests(), 2);
  } finally {
    await page.close();
  }
});

test('a sign-in page served in place of the CSV is named as a web page, not parsed', { timeout: 30_000 }, async () => {
  const { page } = await openWith('sites.csv', (req, res) =>
    answer(res, 200, 'text/html', '<!doctype html><title>Sign in to the hospital Wi-Fi</title><form></form>'),
  );
  try {
    const text = await alertText(page);
    assert.match(text, /sites\.csv: the answer was a web page \(text\/html\), not the CSV file/);
  } finally {
    await page.close();
  }
});

test('a server that never answers: each attempt is aborted after 10 s, one retry, then a message', { timeout: 60_000 }, async () => {
  const started = Date.now();
  const { page, requests } = await openWith('manifest.json', () => {
    /* never answers (the connection stays open) */
  });
  try {
    const text = await alertText(page, 45_000);
    const took = (Date.now() - started) / 1000;
    assert.match(text, /manifest\.json: no answer within 10 seconds, 2 attempts/);
    // The first view's request (it waits 8 s, then loads the app anyway), then the app's two.
    assert.equal(requests(), 3);
    assert.ok(took >= 20 && took < 40, `gave up after ${took.toFixed(1)} s`);
  } finally {
    await page.close();
  }
});

test('offline: after one visit the app opens with no network and says it shows the saved copy', { timeout: 90_000 }, async () => {
  server.behave();
  const swBrowser = await launchBrowser({ serviceWorkers: 'allow' });
  const { page, pageErrors } = await openPage(swBrowser.context);
  try {
    const eng = expected('ENG', '2021-03-31');
    await page.goto(server.url);
    await waitForText(page.locator('#headline-coverage'), eng.share_text);
    assert.equal(await page.locator('#offline-banner').count(), 0, 'no banner while online');
    // The worker is installed and has saved the app and the data.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await poll(() => page.evaluate(async () => {
      const cache = await caches.open('coverboard-v1');
      const keys = (await cache.keys()).map((r) => new URL(r.url).pathname);
      return keys.some((k) => k.endsWith('.wasm')) && keys.includes('/data/sites.csv') && keys.includes('/data/areas.csv');
    }), { timeout: 20_000 });
    await swBrowser.context.setOffline(true);
    await page.reload();
    assert.equal(await waitForText(page.locator('#headline-coverage'), eng.share_text, 20_000), eng.share_text);
    const banner = await page.locator('#offline-banner').innerText();
    assert.match(banner, /Offline copy/);
    assert.match(banner, /saved in this browser on \d{1,2} \w{3} \d{4}/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await swBrowser.context.setOffline(false).catch(() => {});
    await page.close();
    await swBrowser.close();
  }
});

test('a slow answer (3 s) within the time allowed loads as usual', { timeout: 30_000 }, async () => {
  const { page, requests, pageErrors } = await openWith('areas.csv', (req, res, n, serveFile) => {
    setTimeout(serveFile, 3000);
  });
  try {
    const eng = expected('ENG', '2021-03-31');
    assert.equal(await waitForText(page.locator('#headline-coverage'), eng.share_text, 15_000), eng.share_text);
    assert.equal(requests(), 1);
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('a connection that breaks off mid-file is retried, then named as broken off', { timeout: 30_000 }, async () => {
  const body = fs.readFileSync(path.join(DIST, 'data', 'areas.csv'));
  const { page, requests } = await openWith('areas.csv', (req, res) => {
    // Promise the whole file, send half, then drop the connection.
    res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': body.length });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
  });
  try {
    const text = await alertText(page);
    assert.match(text, /areas\.csv: the answer broke off before the end/);
    // The first view's one try, then the app's 3.
    assert.equal(requests(), 4, 'retried');
  } finally {
    await page.close();
  }
});

test('a complete answer with a truncated body: the manifest cut short is named as not valid JSON', { timeout: 30_000 }, async () => {
  const text = fs.readFileSync(path.join(DIST, 'data', 'manifest.json'), 'utf8');
  const { page } = await openWith('manifest.json', (req, res) => answer(res, 200, 'application/json', text.slice(0, Math.floor(text.length / 2))));
  try {
    const alert = await alertText(page);
    assert.match(alert, /manifest\.json/);
    assert.match(alert, /JSON/i);
  } finally {
    await page.close();
  }
});
