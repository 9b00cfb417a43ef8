// Node's http2 module as its users write it: one session per origin, a new one once the server has sent GOAWAY or
// closed; no retry. Usage: node node-http2.js URLS_JSON GAP_MS sequential|burst
const http2 = require('http2');
const urls = JSON.parse(process.argv[2]);
const gap = Number(process.argv[3]);
const burst = process.argv[4] === 'burst';
const sessions = [];
let current = null;
let firstError = null;

function session(origin) {
  if (!current || current.closed || current.destroyed || current.goneAway) {
    const created = http2.connect(origin, { rejectUnauthorized: false });
    created.on('goaway', () => { created.goneAway = true; });
    created.on('error', () => {});
    sessions.push(created);
    current = created;
  }
  return current;
}

function get(u) {
  return new Promise((resolve) => {
    const url = new URL(u);
    let stream;
    try {
      stream = session(url.origin).request({ ':path': url.pathname + url.search, 'user-agent': 'keepalive-matrix' });
    } catch (e) {
      resolve(e.code || e.message);
      return;
    }
    let status = 0;
    stream.on('response', (headers) => { status = headers[':status']; });
    stream.on('data', () => {});
    stream.on('end', () => resolve(status === 200 ? null : 'status ' + status));
    stream.on('error', (e) => resolve(e.code || e.message));
    stream.end();
  });
}

(async () => {
  let errors = [];
  if (burst) {
    errors = await Promise.all(urls.map(get));
  } else {
    for (const u of urls) {
      errors.push(await get(u));
      await new Promise((r) => setTimeout(r, gap));
    }
  }
  const failed = errors.filter((e) => e !== null);
  sessions.forEach((s) => s.close());
  console.log(JSON.stringify({ sent: urls.length, answered: urls.length - failed.length, connections: sessions.length,
    error: failed.length ? failed[0] : null }));
})();
