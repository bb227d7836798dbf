// A link with a query hides the prerendered default view (style/first.css; index.html says why).
if (location.search.length > 1) document.documentElement.classList.add('cb-query');
