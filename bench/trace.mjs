// Where the browser's main thread spends a filter change, by trace event (style, layout, paint,
// script...), on the built dist. Complements profile.mjs, which names the functions.
// Usage: COVERBOARD_DIST=... node bench/trace.mjs [rounds]
import { openDashboard, changeFilter } from './page.mjs';

const rounds = Number(process.argv[2] || 20);
const { browser, page, close } = await openDashboard();
const cdp = await browser.context.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', {
  traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8'] },
  transferMode: 'ReportEvents',
});
const codes = ['E40000003', 'ENG', 'E40000010', 'E40000005', 'ENG', 'E40000008'];
for (let i = 0; i < rounds; i++) {
  await page.evaluate(async ({ code, i, slider, change }) => {
    new Function(`return ${change}`)()({ slider, code, i });
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 40)));
  }, { code: codes[i % codes.length], i, slider: process.env.SCENARIO === 'slider', change: changeFilter.toString() });
}
await cdp.send('Tracing.end');
await done;
// The renderer main thread: the one with the most 'Layout' or 'FunctionCall' events.
const count = new Map();
for (const e of events) if (e.name === 'FunctionCall' || e.name === 'Layout') count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) || 0) + 1);
const main = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
const total = new Map();
for (const e of events) {
  if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
  total.set(e.name, (total.get(e.name) || 0) + e.dur / 1000);
}
const layouts = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'Layout' && e.dur);
console.log(`Layout events per round ${(layouts.length / rounds).toFixed(1)}; largest: ${layouts.map((e) => (e.dur / 1000).toFixed(1)).sort((a, b) => b - a).slice(0, 12).join(', ')}`);
console.log(`rounds ${rounds}; main thread events, inclusive ms per round (nested events overlap):`);
for (const [n, v] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / rounds).toFixed(2).padStart(8)}  ${n}`);
await close();
