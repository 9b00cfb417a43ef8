'use strict';
(async () => {
  // The run's timed checks, request by request: wait, then fetch, reading each body whole so that its connection
  // goes back to the browser's pool; then the chain of redirects, by navigation, ends at the card.
  const page = document.body.dataset;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const state = (check, text) => {
    const item = document.querySelector('li[data-check="' + check + '"] .state');
    if (item) item.textContent = text;
  };
  for (const visit of JSON.parse(page.visits)) {
    if (visit.wait > 0) {
      state(visit.check, page.waiting.replace('{0}', String(visit.wait / 1000)));
      await sleep(visit.wait);
    }
    state(visit.check, page.running);
    try {
      const response = await fetch(visit.path, { cache: 'no-store' });
      await response.text();
      state(visit.check, page.answered);
    } catch (failure) {
      state(visit.check, page.failed);
    }
  }
  document.getElementById('status').textContent = page.leaving;
  location.replace(page.next);
})();
