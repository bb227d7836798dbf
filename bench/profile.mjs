// CPU profile of filter changes in headless Chromium: which functions take the time between a
// Region change and the next frame. Build without wasm-opt to keep function names, e.g.
//   sed 's/data-wasm-opt="z"/data-wasm-opt="0"/' index.html > /tmp/i.html  (see docs/benchmarks.md)
// Usage: COVERBOARD_DIST=/tmp/dist-prof node bench/profile.mjs [rounds] [top]
//   OWN_FILE=<sites.csv> loads an own file first (e.g. target/scale/sites-10000x20.csv, made by
//   bench/scale.mjs); OPEN=<selector> clicks it (e.g. #map-toggle); SCROLL_TO=<selector> brings a
//   view on screen (e.g. #sites-table, #map-canvas) before the changes are profiled.
import { openDashboard, changeFilter } from './page.mjs';

const rounds = Number(process.argv[2] || 30);
const top = Number(process.argv[3] || 40);
const { browser, page, close } = await openDashboard();
if (process.env.OWN_FILE) {
  await page.locator('#own-file').setInputFiles(process.env.OWN_FILE);
  await page.locator('#own-summary').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
}
if (process.env.OPEN) await page.locator(process.env.OPEN).click();
if (process.env.SCROLL_TO) {
  await page.locator(process.env.SCROLL_TO).waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator(process.env.SCROLL_TO).scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
}
const cdp = await browser.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const codes = ['E40000003', 'ENG', 'E40000010', 'E40000005', 'ENG', 'E40000008'];
const frames = [];
for (let i = 0; i < rounds; i++) {
  frames.push(await page.evaluate(async ({ code, i, slider, change }) => {
    const t0 = performance.now();
    new Function(`return ${change}`)()({ slider, code, i });
    const t1 = performance.now();
    const t2 = await new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    await new Promise((r) => setTimeout(r, 30));
    return { sync: t1 - t0, frame: t2 - t0 };
  }, { code: codes[i % codes.length], i, slider: process.env.SCENARIO === 'slider', change: changeFilter.toString() }));
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, k) => {
  const n = byId.get(id);
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(name, (self.get(name) || 0) + (dt[k] || 0) / 1000);
});
if (process.env.STACK_OF) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const stacks = new Map();
  profile.samples.forEach((id, k) => {
    const n = byId.get(id);
    if (!n.callFrame.functionName.includes(process.env.STACK_OF)) return;
    const chain = [];
    for (let p = parent.get(id); p && chain.length < 12; p = parent.get(p)) chain.push(byId.get(p).callFrame.functionName.slice(0, 90));
    const key = chain.join(' <- ');
    stacks.set(key, (stacks.get(key) || 0) + (dt[k] || 0) / 1000);
  });
  for (const [k, v] of [...stacks.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(v.toFixed(1), 'ms:', k, '\n');
}
if (process.env.INCLUSIVE) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, k) => {
    const seen = new Set();
    for (let p = id; p; p = parent.get(p)) {
      const name = byId.get(p).callFrame.functionName;
      if (!name.includes(process.env.INCLUSIVE) || seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) || 0) + (dt[k] || 0) / 1000);
    }
  });
  for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(v / rounds).toFixed(2).padStart(8)} ms/round incl  ${k.slice(0, 150)}`);
}
const sorted = [...self.entries()].filter(([n]) => !n.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
const busy = sorted.reduce((s, [, v]) => s + v, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`rounds ${rounds}; change handler (sync) median ${median(frames.map((f) => f.sync)).toFixed(1)} ms; change → after next frame median ${median(frames.map((f) => f.frame)).toFixed(1)} ms`);
console.log(`busy ${busy.toFixed(0)} ms total (includes the 30 ms waits' idle excluded)`);
for (const [n, v] of sorted.slice(0, top)) console.log(`${(v / rounds).toFixed(2).padStart(8)} ms/round  ${n}`);
await close();
