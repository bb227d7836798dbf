// The comparison page for bench/run.mjs: the same main chart as coverboard's (coverage of
// England by month end, January 2015 to March 2022, under coverboard's default definition, with
// the target and the published figures), from the same four data files, in plain JavaScript and
// Chart.js (npm, bench/node_modules only). It computes only the headline line (no uncertainty
// band, projections or other definitions), so it does less work than coverboard does. The
// benchmark checks that its line equals coverboard's month by month (window.series).
(async () => {
  const text = async (f) => (await fetch(`data/${f}`)).text();
  const manifest = JSON.parse(await text('manifest.json'));
  const [areasText, sitesText, milestonesText] = await Promise.all(
    [manifest.files.areas, manifest.files.sites, manifest.files.milestones].map(text));

  // RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
  const csv = (t) => {
    const rows = []; let row = [], field = '', quoted = false;
    t = t.replace(/^\uFEFF/, '');
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (quoted) {
        if (c === '"') { if (t[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { row.push(field); field = ''; }
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && t[i + 1] === '\n') i++;
        row.push(field); rows.push(row); row = []; field = '';
      } else field += c;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    const head = rows.shift().map((h) => h.trim().toLowerCase());
    return rows.filter((r) => r.some((v) => v.trim() !== '')).map((r) => Object.fromEntries(head.map((h, i) => [h, (r[i] || '').trim()])));
  };

  const areas = csv(areasText);
  const years = Object.keys(areas[0]).filter((k) => /^pop_\d{4}$/.test(k)).map((k) => +k.slice(4)).sort();
  const index = new Map(); // area code → piece indices
  areas.forEach((a, i) => {
    for (const code of [a.piece_id, a.lad_code, a.ccg_code, a.stp_code, a.region_code, 'E92000001']) {
      if (!index.has(code)) index.set(code, []);
      index.get(code).push(i);
    }
  });
  const pop = (i, year) => {
    const y = years.reduce((b, x) => (Math.abs(x - year) < Math.abs(b - year) ? x : b), years[0]);
    return Number(areas[i][`pop_${y}`]) || 0;
  };

  // A date as written in the data counts from its first day: YYYY-MM-DD, YYYY-MM, YYYY, FROM..TO.
  const start = (d) => {
    if (!d) return null;
    const [y, m = '01', day = '01'] = d.split('..')[0].split('-');
    return `${y}-${m.padStart(2, '0')}-${day.padStart(2, '0')}`;
  };
  const counted = ['PACS', 'MCP', 'EHCH', 'UEC', 'ICS'];
  const sites = csv(sitesText)
    .map((s) => ({ ...s, model: s.model.toUpperCase() === 'ACS' ? 'ICS' : s.model.toUpperCase() }))
    .filter((s) => counted.includes(s.model) && (s.counts_population || 'yes').toLowerCase() !== 'no' && (s.footprint_fit || '').toLowerCase() !== 'none')
    .map((s) => ({
      from: start(s.live_from),
      to: start(s.live_to),
      pieces: [...new Set(s.footprint.split(';').map((c) => c.trim()).flatMap((c) => index.get(c) || []))],
    }));

  const monthEnds = [];
  for (let y = 2015, m = 1; y < 2022 || (y === 2022 && m <= 3); m === 12 ? (y++, m = 1) : m++) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    monthEnds.push(`${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`);
  }
  const series = monthEnds.map((d) => {
    const covered = new Uint8Array(areas.length);
    for (const s of sites) if (s.from && s.from <= d && !(s.to && d >= s.to)) for (const p of s.pieces) covered[p] = 1;
    const year = +d.slice(0, 4);
    let num = 0, den = 0;
    for (let i = 0; i < areas.length; i++) { const p = pop(i, year); den += p; if (covered[i]) num += p; }
    return den ? num / den : 0;
  });
  window.series = monthEnds.map((d, i) => [d, series[i]]);

  const yearFraction = (d) => { const [y, m, day] = d.split('-').map(Number); return y + (m - 1) / 12 + (day - 1) / 365; };
  const published = csv(milestonesText)
    .filter((m) => m.kind === 'milestone' && (m.share || m.population))
    .map((m) => {
      const d = start(m.date);
      const england = areas.reduce((t, _, i) => t + pop(i, +d.slice(0, 4)), 0);
      return { x: yearFraction(d), y: 100 * (m.share ? Number(m.share) : Number(m.population) / england) };
    });

  document.getElementById('title').textContent = 'Population covered by new care models: England';
  // eslint-disable-next-line no-undef
  new Chart(document.getElementById('chart'), {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'Coverage', data: monthEnds.map((d, i) => ({ x: yearFraction(d), y: 100 * series[i] })), showLine: true, pointRadius: 0, borderColor: '#005eb8', borderWidth: 3 },
        { label: `Target ${100 * manifest.target.share}%`, data: [{ x: 2015, y: 100 * manifest.target.share }, { x: 2022.25, y: 100 * manifest.target.share }], showLine: true, pointRadius: 0, borderColor: '#d5281b', borderDash: [6, 4] },
        { label: 'Published figures', data: published, pointRadius: 5, borderColor: '#330072', backgroundColor: '#ffffff' },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { x: { min: 2015, max: 2022.25, ticks: { stepSize: 1 } }, y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
    },
  });
  performance.mark('chartjs:first-chart');
})();
