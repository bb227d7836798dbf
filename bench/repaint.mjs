// Measures the repaint after a filter change in headless Chromium on the release build.
// For each change it records, in the page:
//   - change → last canvas redraw (a MutationObserver on each canvas's data-drawn attribute);
//   - work + frame render: the script work up to the last redraw, plus the frame that shows the
//     change, from its requestAnimationFrame callback to the task after it (style, layout, paint).
//     The wait for the frame to start (vsync, up to 16.7 ms) is idle time and left out;
//   - change → frame painted, with that wait (what a user sees at worst);
//   - the main chart's own draw time (data-draw-ms).
// Scenarios: the Region select at the top of the page, the as-at slider (one month per change,
// as the Play button does) and the Region select with the sites table scrolled into view (the
// select is changed by script; the table's own update is then in the measured frame).
// Usage: trunk build --release && node bench/repaint.mjs [rounds] [scenario...]
//   scenarios: region (default), slider, region-at-sites     COVERBOARD_DIST to override dist/
import os from 'node:os';
import { openDashboard, changeFilter } from './page.mjs';
import { stats } from './stats.mjs';

const rounds = Number(process.argv[2] || 30);
const scenarios = process.argv.slice(3).length ? process.argv.slice(3) : ['region', 'slider', 'region-at-sites'];
const codes = ['E40000003', 'ENG', 'E40000010', 'E40000005', 'ENG', 'E40000008'];

const results = {};
for (const scenario of scenarios) {
  const scrollTo = { 'region-at-sites': '#sites-table', slider: '#asat-slider' }[scenario];
  const { page, close } = await openDashboard({ scrollTo });
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    runs.push(await page.evaluate(async ({ scenario, code, i, change }) => {
      const canvases = [...document.querySelectorAll('canvas')];
      const t0 = performance.now();
      let last = t0;
      const drawn = {};
      const obs = new MutationObserver((ms) => {
        last = performance.now();
        for (const m of ms) drawn[m.target.id || 'canvas'] = (drawn[m.target.id || 'canvas'] || 0) + 1;
      });
      canvases.forEach((c) => obs.observe(c, { attributes: true, attributeFilter: ['data-drawn'] }));
      // Slider: through the roll-out from April 2016, one month a change, wrapping after 5 years.
      new Function(`return ${change}`)()({ slider: scenario === 'slider', code, i });
      let rafAt = 0;
      const painted = await new Promise((r) => requestAnimationFrame(() => {
        rafAt = performance.now();
        setTimeout(() => r(performance.now()), 0);
      }));
      await new Promise((r) => setTimeout(r, 60));
      obs.disconnect();
      return {
        redraw: last - t0,
        work: Math.max(last, t0) - t0 + (painted - rafAt),
        painted: painted - t0,
        draw: Number(document.querySelector('#coverage-chart').dataset.drawMs),
        drawn,
      };
    }, { scenario, code: codes[i % codes.length], i, change: changeFilter.toString() }));
  }
  results[scenario] = {
    change_to_last_redraw_ms: stats(runs.map((r) => r.redraw)),
    work_plus_frame_render_ms: stats(runs.map((r) => r.work)),
    change_to_frame_painted_ms: stats(runs.map((r) => r.painted)),
    main_chart_draw_ms: stats(runs.map((r) => r.draw)),
    canvases_redrawn_per_change: Object.fromEntries(
      [...new Set(runs.flatMap((r) => Object.keys(r.drawn)))].map((id) => [id, +(runs.reduce((n, r) => n + (r.drawn[id] || 0), 0) / rounds).toFixed(2)]),
    ),
  };
  await close();
}
console.log(JSON.stringify({
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, load ${os.loadavg()[0].toFixed(2)}`,
  rounds,
  results,
}, null, 1));
