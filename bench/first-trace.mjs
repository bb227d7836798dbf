// Where the time to the first chart goes, on one cold load: resource timings, the first view's
// marks and the main thread's trace events (script, wasm compile, style, layout, paint), in ms
// from navigation. Development aid for issue 7's first-chart budget.
// Usage: COVERBOARD_DIST=... node bench/first-trace.mjs [url-path]
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/helpers.mjs';

const server = await serveDist();
const browser = await chromium.launch({ headless: true, executablePath: CHROMIUM, args: CHROMIUM_ARGS });
// A warm-up load, so that the browser's own start-up is not in the figures.
{
  const c = await browser.newContext();
  const p = await c.newPage();
  await p.goto(server.url + (process.argv[2] || ''));
  await p.waitForFunction(() => ['coverboard:first-chart', 'coverboard:first-prerender-kept'].some((m) => performance.getEntriesByName(m).length > 0), null, { timeout: 30_000 }).catch(() => {});
  await c.close();
}
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
await browser.startTracing(undefined, {
  categories: ['blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', 'v8.wasm', 'loading', 'navigation'],
});
const page = await context.newPage();
await page.goto(server.url + (process.argv[2] || ''));
await page.waitForFunction(() => ['coverboard:first-chart', 'coverboard:first-prerender-kept'].some((m) => performance.getEntriesByName(m).length > 0), null, { timeout: 30_000 });
const info = await page.evaluate(() => ({
  origin: performance.timeOrigin,
  nav: performance.getEntriesByType('navigation')[0].toJSON(),
  marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
  paints: performance.getEntriesByType('paint').map((m) => [m.name, m.startTime]),
  resources: performance.getEntriesByType('resource').map((r) => [new URL(r.name).pathname, r.startTime, r.responseEnd]),
}));
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close();
server.close?.();
const r = (x) => Math.round(x * 10) / 10;
console.log('navigation:', Object.fromEntries(['fetchStart', 'responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventEnd', 'loadEventEnd'].map((k) => [k, r(info.nav[k])])));
for (const [n, s, e] of info.resources) console.log(`resource ${n}: ${r(s)} → ${r(e)}`);
for (const [n, t] of [...info.marks, ...info.paints].sort((a, b) => a[1] - b[1])) console.log(`mark ${n}: ${r(t)}`);
// Trace events: timestamps in µs of the trace clock; navigationStart's event gives the zero.
const events = trace.traceEvents;
// The zero: the trace's own coverboard:first-start mark, less its time from navigation.
const startMark = events.find((e) => e.name === 'coverboard:first-start');
const startAt = info.marks.find(([n]) => n === 'coverboard:first-start')?.[1] ?? 0;
const zero = startMark ? startMark.ts - startAt * 1000 : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
const count = new Map();
for (const e of events) if (['FunctionCall', 'Layout', 'ParseHTML', 'EvaluateScript'].includes(e.name)) count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) || 0) + 1);
const main = startMark ? `${startMark.pid}:${startMark.tid}` : [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
const shown = events
  .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur >= Number(process.env.MIN_US || 1000))
  .sort((a, b) => a.ts - b.ts);
for (const e of shown) console.log(`main ${r((e.ts - zero) / 1000)} +${r(e.dur / 1000)} ${e.name} ${e.args?.data?.url ? e.args.data.url.split('/').pop() : e.args?.data?.functionName || ''}`);
const wasm = events.filter((e) => /wasm/i.test(e.name) && e.ph === 'X' && e.dur >= 500).sort((a, b) => a.ts - b.ts);
for (const e of wasm) console.log(`wasm ${r((e.ts - zero) / 1000)} +${r(e.dur / 1000)} ${e.name} (${e.pid}:${e.tid})`);
