// Node's built-in fetch (undici) with its defaults: follows redirects, reads the whole body.
// Usage: node fetch.mjs URL [BODY]: a GET, or a POST of BODY. Exits 1 on a transport error, a truncated body or a
// status of 400 or more.
const [url, body] = process.argv.slice(2);
try {
  const response = await fetch(url, body === undefined ? {} : { method: 'POST', body });
  const bytes = await response.arrayBuffer();
  console.log(`status ${response.status}, ${bytes.byteLength} bytes`);
  process.exitCode = response.status >= 400 ? 1 : 0;
} catch (e) {
  console.error(`fetch failed: ${e.message}${e.cause ? ` (${e.cause.code || e.cause.message || e.cause})` : ''}`);
  process.exitCode = 1;
}
