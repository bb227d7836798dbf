// Bad networks: a data file that answers 500 (retried with back-off, then a message), a server
// error that passes (the retry loads), 404, a web page served in place of the CSV, a server that
// never answers (timeout, aborted), and the offline copy: after one visit the app opens and shows
// its figures with the network off, with a banner saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, openPage, expected, waitForText, poll } from './helpers.mjs';

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

/** Opens the app with `file` answered by `handler(route, n)` (n counts the requests for it). */
async function openWith(file, handler) {
  const session = await openPage(browser.context);
  let n = 0;
  await session.page.route(`**/data/${file}`, (route) => handler(route, ++n));
  session.requests = () => n;
  await session.page.goto(server.url);
  return session;
}

async function alertText(page, timeout = 15_000) {
  const alert = page.locator('#load-error');
  await alert.waitFor({ state: 'visible', timeout });
  return alert.innerText();
}

test('a server error is retried with back-off, then named: file, status and attempts', { timeout: 30_000 }, async () => {
  const { page, requests } = await openWith('areas.csv', (route) => route.fulfill({ status: 500, body: 'oops' }));
  try {
    const text = await alertText(page);
    assert.match(text, /areas\.csv/);
    assert.match(text, /server had an error \(500/);
    assert.match(text, /3 attempts/);
    assert.equal(requests(), 3);
  } finally {
    await page.close();
  }
});

test('a server error that passes: the second attempt loads the dashboard', { timeout: 30_000 }, async () => {
  const { page, requests, pageErrors } = await openWith('sites.csv', (route, n) => (n === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
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
  const { page, requests } = await openWith('milestones.csv', (route) => route.fulfill({ status: 404, body: 'no' }));
  try {
    const text = await alertText(page);
    assert.match(text, /milestones\.csv: it was not found on the server \(404\)/);
    assert.equal(requests(), 1);
  } finally {
    await page.close();
  }
});

test('a sign-in page served in place of the CSV is named as a web page, not parsed', { timeout: 30_000 }, async () => {
  const { page } = await openWith('sites.csv', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in to the hospital Wi-Fi</title><form></form>' }),
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
    /* never answers */
  });
  try {
    const text = await alertText(page, 45_000);
    const took = (Date.now() - started) / 1000;
    assert.match(text, /manifest\.json: no answer within 10 seconds, 2 attempts/);
    assert.equal(requests(), 2);
    assert.ok(took >= 20 && took < 40, `gave up after ${took.toFixed(1)} s`);
  } finally {
    await page.close();
  }
});

test('offline: after one visit the app opens with no network and says it shows the saved copy', { timeout: 90_000 }, async () => {
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
  const { page, requests, pageErrors } = await openWith('areas.csv', async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue();
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

test('a truncated answer: the manifest cut short is named as not valid JSON, not shown half-read', { timeout: 30_000 }, async () => {
  const { page } = await openWith('manifest.json', async (route) => {
    const real = await route.fetch();
    const text = await real.text();
    await route.fulfill({ status: 200, contentType: 'application/json', body: text.slice(0, Math.floor(text.length / 2)) });
  });
  try {
    const text = await alertText(page);
    assert.match(text, /manifest\.json/);
    assert.match(text, /JSON/i);
  } finally {
    await page.close();
  }
});
