'use strict';
(() => {
  const load = document.body.dataset.load;

  const element = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fileName = (path) => path.substring(path.lastIndexOf('/') + 1) || 'page';

  // What the browser saw: for each image, whether it opened a new connection, and over which protocol.
  const browserView = () => {
    const byName = new Map();
    for (const entry of performance.getEntriesByType('resource')) {
      const url = new URL(entry.name);
      if (entry.initiatorType === 'img' && url.searchParams.get('load') === load) {
        byName.set(fileName(url.pathname), { opened: entry.connectEnd > entry.connectStart, protocol: entry.nextHopProtocol });
      }
    }
    return byName;
  };

  const PROTOCOL_NAMES = { 'http/1.0': 'HTTP/1.0', 'http/1.1': 'HTTP/1.1', h2: 'HTTP/2', h2c: 'HTTP/2 in cleartext' };

  const verdict = (images, connections) => {
    const labels = new Set(images.map((r) => r.connection));
    if (images.length === 0) return 'No image requests recorded for this page load.';
    const carriers = connections.filter((c) => labels.has(c.label));
    const protocols = [...new Set(carriers.map((c) => PROTOCOL_NAMES[c.protocol] || c.protocol))].join(', ');
    const http2 = carriers.length > 0 && carriers.every((c) => c.protocol === 'h2' || c.protocol === 'h2c');
    const tls = carriers.length > 0 && carriers.every((c) => c.tls);
    const counted = images.length + (images.length === 1 ? ' image' : ' images') + ' over ' + labels.size
      + (labels.size === 1 ? ' connection' : ' connections')
      + (http2 ? ' (' + protocols + ': ' + images.length + (images.length === 1 ? ' stream)' : ' streams)') : ' (' + protocols + ')');
    return images.length > 1 && labels.size === images.length
      ? counted + ': every image paid for a new TCP handshake' + (tls ? ' and a TLS handshake' : '')
      : counted;
  };

  // Links to the three cases a browser meets over TLS, on the visitor's own host name: the server names the ports.
  const protocolLinks = () => {
    const nav = document.getElementById('protocols');
    const https = document.body.dataset.https;
    const http1 = document.body.dataset.httpsHttp1;
    if (!https && !http1) return;
    const link = (port, query, text) => {
      const a = element('a', null, text);
      a.href = 'https://' + location.hostname + ':' + port + '/' + query;
      return a;
    };
    nav.append('Over TLS: ');
    if (https) nav.append(link(https, '?connection=keep-alive', 'HTTP/2'), ' ');
    if (http1) {
      nav.append(link(http1, '?connection=keep-alive', 'HTTP/1.1 keep-alive'), ' ',
        link(http1, '?connection=close', 'HTTP/1.1 close (a TCP and a TLS handshake per image)'));
    } else {
      nav.append(element('span', 'note', '(HTTP/1.1 over TLS needs a listener that offers only HTTP/1.1:'
        + ' --https-http1-port)'));
    }
    nav.hidden = false;
  };

  const count = (n, one, many) => n + ' ' + (n === 1 ? one : many);

  // Resource Timing shows connect time only for a connection opened for the request itself. An image without it
  // either reused a connection or got one the browser opened ahead of the request (Chromium's preconnect); the
  // server tells which: a reused connection had carried a request before this image.
  const browserLine = (browser, images) => {
    if (browser.size === 0) return 'Your browser did not report Resource Timing for these images.';
    const opened = [...browser.values()].filter((b) => b.opened).length;
    const protocols = [...new Set([...browser.values()].map((b) => b.protocol).filter(Boolean))].join(', ');
    const withoutConnectTime = images.filter((r) => browser.get(fileName(r.path))?.opened === false);
    const reused = withoutConnectTime.filter((r) => r.requestOnConnection > 1).length;
    const inAdvance = withoutConnectTime.length - reused;
    const explained = [];
    if (reused > 0) explained.push(count(reused, 'image', 'images') + ' reused a connection');
    if (inAdvance > 0) {
      explained.push(count(inAdvance, 'image', 'images') + ' got a connection the browser had opened in advance'
        + ' (a preconnected socket shows no connect time)');
    }
    return 'Your browser reports ' + count(opened, 'new connection', 'new connections') + ' for '
      + count(browser.size, 'image', 'images') + (protocols ? ' (' + protocols + ')' : '') + '; outlined images opened one.'
      + (explained.length > 0 ? ' ' + explained.join('; ') + '.' : '');
  };

  // closed is true once the connection ended, false while the server holds it open, null where the server cannot tell.
  const laneState = (connection) => {
    if (connection.closed === false) return 'open';
    if (connection.closed === null) return connection.closeReason ? 'closed (' + connection.closeReason + ')' : 'the server cannot tell';
    return 'closed' + (connection.closedBy ? ' by the ' + connection.closedBy : '')
      + (connection.closeReason ? ' (' + connection.closeReason + ')' : '');
  };

  // What changes as connections end: the map is drawn again only then.
  const endings = (data) => JSON.stringify(data.connections.map((c) => [c.label, c.closed, c.closedBy, c.closeReason]));

  const render = (data) => {
    const requests = data.requests;
    const images = requests.filter((r) => r.path !== '/' && r.status === 200);
    const browser = browserView();
    document.getElementById('verdict').textContent = verdict(images, data.connections);
    document.body.dataset.connections = String(new Set(images.map((r) => r.connection)).size);
    document.body.dataset.images = String(images.length);

    document.getElementById('browser').textContent = browserLine(browser, images);

    const lanes = document.getElementById('lanes');
    lanes.replaceChildren();
    for (const connection of data.connections) {
      const carried = requests.filter((r) => r.connection === connection.label)
        .sort((a, b) => a.requestOnConnection - b.requestOnConnection);
      const lane = element('div', connection.closed ? 'lane lane-closed' : 'lane');
      lane.dataset.connection = connection.label;
      lane.dataset.state = connection.closed === true ? 'closed' : connection.closed === false ? 'open' : 'unknown';
      lane.append(element('span', 'lane-label', connection.label + ' :' + connection.remotePort));
      lane.append(element('span', 'lane-protocol', (PROTOCOL_NAMES[connection.protocol] || connection.protocol)
        + (connection.tls ? ', TLS' : '')));
      lane.append(element('span', 'lane-state', laneState(connection)));
      for (const r of carried) {
        const name = fileName(r.path);
        const chip = element('span', r.path === '/' ? 'chip chip-page' : 'chip', '#' + r.requestOnConnection + ' ' + name);
        if (browser.get(name)?.opened) chip.classList.add('chip-new');
        if (r.stream) chip.title = 'HTTP/2 stream ' + r.stream;
        lane.append(chip);
      }
      lanes.append(lane);
    }
    document.body.dataset.mapReady = 'true';
  };

  // Open lanes end later (idle timeout, the browser closing): look again every few seconds for a while.
  const REFRESH_MS = 5000;
  const REFRESH_FOR_MS = 120000;
  const started = Date.now();
  let drawn = null;
  const refresh = () => {
    fetch('connections?load=' + encodeURIComponent(load), { cache: 'no-store' })
      .then((response) => {
        if (!response.ok) throw new Error('GET connections answered ' + response.status);
        return response.json();
      })
      .then((data) => {
        if (endings(data) !== drawn) {
          drawn = endings(data);
          render(data);
        }
        if (data.connections.some((c) => c.closed === false) && Date.now() - started < REFRESH_FOR_MS) {
          setTimeout(refresh, REFRESH_MS);
        }
      })
      .catch((error) => {
        document.getElementById('verdict').textContent = 'Could not read the connection map: ' + error.message;
        document.body.dataset.mapReady = 'error';
      });
  };
  protocolLinks();
  window.addEventListener('load', refresh);
})();
