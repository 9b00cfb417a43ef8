// node streams-until-stop.js URL SESSIONS STREAMS
// Keeps STREAMS GETs in flight on each of SESSIONS HTTP/2 sessions, opening a new stream as each ends, until the
// session receives GOAWAY or closes. Prints "streaming" once every session has had two responses, then at the end
// "sent N", "status S N" for each status and "error CODE N" for each stream error (CODE: nghttp2's name, else Node's).
const http2 = require('http2');
const [url, sessions, streams] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const tally = { sent: 0, status: {}, error: {} };
const answered = new Array(sessions).fill(0);
let running = sessions;
let announced = false;
const count = (map, key) => { map[key] = (map[key] || 0) + 1; };

let reported = false;
function report() {
  if (reported) return;
  reported = true;
  console.log(`sent ${tally.sent}`);
  Object.entries(tally.status).forEach(([status, n]) => console.log(`status ${status} ${n}`));
  Object.entries(tally.error).forEach(([code, n]) => console.log(`error ${code} ${n}`));
}

for (let i = 0; i < sessions; i++) {
  const session = http2.connect(url, { rejectUnauthorized: false });
  let goneAway = false;
  let open = 0;
  let finished = false;
  session.on('goaway', () => { goneAway = true; });
  session.on('error', () => {});
  const finish = () => {
    if (finished || open > 0) return;
    finished = true;
    session.close();
    if (--running === 0) report();
  };
  session.on('close', finish);
  const launch = () => {
    if (goneAway || session.closed || session.destroyed) return finish();
    let request;
    try {
      request = session.request({ ':path': '/test' + (1 + tally.sent % 7) + '.jpg' });
    } catch (e) {
      return finish();
    }
    tally.sent++;
    open++;
    let status = 0;
    const ended = () => { open--; launch(); };
    request.on('response', headers => { status = headers[':status']; });
    request.on('data', () => {});
    request.on('end', () => {
      count(tally.status, status);
      if (++answered[i] === 2 && !announced && answered.every(n => n >= 2)) {
        announced = true;
        console.log('streaming');
      }
      ended();
    });
    request.on('error', e => { count(tally.error, (/NGHTTP2_\w+/.exec(e.message) || [e.code])[0]); ended(); });
  };
  session.on('connect', () => { for (let j = 0; j < streams; j++) launch(); });
}
process.on('exit', report); // a session that ended without its 'close' still leaves the tally
