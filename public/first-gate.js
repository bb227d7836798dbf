// The page's one inline script (scripts/post_build.mjs minifies it into the top of <head>, and the
// Content-Security-Policy allows it by its hash): runs before anything is shown.
// 1. A link with a query asks for a view of its own: <html> is marked cb-query, and
//    style/first.css hides the prerendered default view until the first view draws that view.
// 2. Starts the first view (src/first/main.rs), which index.html holds in <template
//    id="first-start">: at once when the prerendered chart will not be shown (a query, a narrow
//    screen, no prerender, the chart already loaded or failed); otherwise once the prerendered chart
//    has been painted, so that its first paint does not share the main thread with the WebAssembly
//    starting (issue 7, first chart). The data and the first view's files are preloaded by <head>
//    meanwhile.
(function () {
  var doc = document;
  var query = location.search.length > 1;
  if (query) doc.documentElement.classList.add('cb-query');
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var template = doc.getElementById('first-start');
    // Cloned from the template, the module script runs when it is added (the original never does).
    if (template) doc.head.appendChild(template.content.cloneNode(true));
  }
  function afterPaint() {
    requestAnimationFrame(function () {
      setTimeout(start, 0);
    });
  }
  doc.addEventListener('DOMContentLoaded', function () {
    var chart = doc.getElementById('first-chart-img');
    // Narrow: style/first.css hides the prerendered chart at this width (no layout is read here).
    var shown = chart && !query && doc.querySelector('#first-body[data-prerender]') && !matchMedia('(max-width: 760px)').matches;
    if (!shown) return start();
    if (chart.complete) return afterPaint();
    chart.addEventListener('load', afterPaint);
    chart.addEventListener('error', start);
    // Never later than this, whatever the image does.
    setTimeout(start, 3000);
  });
})();
