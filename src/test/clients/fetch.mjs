// Node's built-in fetch (undici) with its defaults: follows redirects, reads the whole body.
// Usage: node fetch.mjs URL. Exits 1 on a transport error, a truncated body or a status of 400 or more.
const url = process.argv[2];
try {
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  console.log(`status ${response.status}, ${body.byteLength} bytes`);
  process.exitCode = response.status >= 400 ? 1 : 0;
} catch (e) {
  console.error(`fetch failed: ${e.message}${e.cause ? ` (${e.cause.code || e.cause.message || e.cause})` : ''}`);
  process.exitCode = 1;
}
