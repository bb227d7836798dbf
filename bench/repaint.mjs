// Measures the repaint after a filter change in headless Chromium on the release build:
// from the Region select's change event to the last canvas redraw it causes (MutationObserver on
// each canvas's data-drawn attribute), plus the main chart's own draw time (data-draw-ms).
// Usage: trunk build --release && node bench/repaint.mjs [rounds]   (COVERBOARD_DIST to override dist/)
import os from 'node:os';
import { serveDist, launchBrowser, openPage } from '../tests/browser/helpers.mjs';

const rounds = Number(process.argv[2] || 30);
const server = await serveDist();
const browser = await launchBrowser();
const { page } = await openPage(browser.context);
await page.setViewportSize({ width: 1280, height: 900 });
await page.goto(server.url);
await page.locator('#headline-coverage').waitFor();
await page.waitForTimeout(1000);
const codes = ['E40000003', 'ENG', 'E40000010', 'E40000005', 'ENG', 'E40000008'];
const total = [];
const draw = [];
for (let i = 0; i < rounds; i++) {
  const r = await page.evaluate(async (code) => {
    const canvases = [...document.querySelectorAll('canvas')];
    const sel = document.querySelector('#region-select');
    const t0 = performance.now();
    let last = t0;
    const obs = new MutationObserver(() => { last = performance.now(); });
    canvases.forEach((c) => obs.observe(c, { attributes: true, attributeFilter: ['data-drawn'] }));
    sel.value = code;
    sel.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    obs.disconnect();
    return { ms: last - t0, draw: Number(document.querySelector('#coverage-chart').dataset.drawMs) };
  }, codes[i % codes.length]);
  total.push(r.ms);
  draw.push(r.draw);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
console.log(JSON.stringify({
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(2)}`,
  rounds,
  change_to_last_redraw_ms: { median: +median(total).toFixed(1), p90: +p90(total).toFixed(1), min: +Math.min(...total).toFixed(1) },
  main_chart_draw_ms: { median: +median(draw).toFixed(1), p90: +p90(draw).toFixed(1) },
}, null, 1));
await browser.close();
await server.close();
