// Node's built-in fetch (undici) with its defaults. Usage: node node-fetch.js URLS_JSON GAP_MS
const urls = JSON.parse(process.argv[2]);
const gap = Number(process.argv[3]);
(async () => {
  const errors = [];
  for (const u of urls) {
    try {
      const response = await fetch(u, { headers: { 'user-agent': 'keepalive-matrix' } });
      await response.arrayBuffer();
      errors.push(response.status === 200 ? null : 'status ' + response.status);
    } catch (e) {
      errors.push('TypeError: fetch failed (' + ((e.cause && e.cause.code) || e.cause) + ')');
    }
    await new Promise((r) => setTimeout(r, gap));
  }
  const failed = errors.filter((e) => e !== null);
  console.log(JSON.stringify({ sent: urls.length, answered: urls.length - failed.length, connections: null,
    error: failed.length ? failed[0] : null }));
})();
