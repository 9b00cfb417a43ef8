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

  const count = (n, one, many) => n + ' ' + (n === 1 ? one : many);

  // Everything the script writes for a visitor, in the page's languages (<html lang>); the rest is in the page's catalogues.
  const TEXTS = {
    en: {
      h2c: 'HTTP/2 in cleartext',
      noImages: 'No image requests recorded for this page load.',
      counted: (images, connections, protocols, streams) => count(images, 'image', 'images') + ' over '
        + count(connections, 'connection', 'connections')
        + (streams ? ' (' + protocols + ': ' + count(streams, 'stream', 'streams') + ')' : ' (' + protocols + ')'),
      everyImageOpened: (counted, tls) => counted + ': every image paid for a new TCP handshake' + (tls ? ' and a TLS handshake' : ''),
      someKept: (counted, n) => counted + ': ' + count(n, 'image', 'images') + ' came on a connection kept open from before',
      missing: (line, missing, expected) => line + '; ' + missing + ' of ' + expected + ' images did not arrive',
      overTls: 'Over TLS: ',
      http1KeepAlive: 'HTTP/1.1 keep-alive',
      http1Close: 'HTTP/1.1 close (a TCP and a TLS handshake per image)',
      http1NeedsListener: '(HTTP/1.1 over TLS needs a listener that offers only HTTP/1.1: --https-http1-port)',
      noResourceTiming: 'Your browser did not report Resource Timing for these images.',
      reused: (n) => count(n, 'image', 'images') + ' reused a connection',
      inAdvance: (n) => count(n, 'image', 'images') + ' got a connection the browser had opened in advance'
        + ' (a preconnected socket shows no connect time)',
      browserReports: (opened, images, protocols, explained) => 'Your browser reports '
        + count(opened, 'new connection', 'new connections') + ' for ' + count(images, 'image', 'images')
        + (protocols ? ' (' + protocols + ')' : '') + '; outlined images opened one.'
        + (explained.length > 0 ? ' ' + explained.join('; ') + '.' : ''),
      open: 'open',
      closedBecause: (reason) => 'closed (' + reason + ')',
      cannotTell: 'the server cannot tell',
      closed: (by, reason) => 'closed' + (by ? ' by the ' + by : '') + (reason ? ' (' + reason + ')' : ''),
      stream: (id) => 'HTTP/2 stream ' + id,
      mapFailed: (message) => 'Could not read the connection map: ' + message,
    },
    'zh-CN': {
      h2c: '明文 HTTP/2（h2c）',
      noImages: '本次页面加载没有记录到图片请求。',
      counted: (images, connections, protocols, streams) => images + ' 张图片经由 ' + connections + ' 个连接传输'
        + (streams ? '（' + protocols + '：' + streams + ' 个流）' : '（' + protocols + '）'),
      everyImageOpened: (counted, tls) => counted + '：每张图片都新建了连接，付出一次 TCP 三次握手' + (tls ? '和一次 TLS 握手' : ''),
      someKept: (counted, n) => counted + '：其中 ' + n + ' 张图片用的是之前保持打开的连接',
      missing: (line, missing, expected) => line + '；' + expected + ' 张图片中有 ' + missing + ' 张没有送达',
      overTls: '通过 TLS：',
      http1KeepAlive: 'HTTP/1.1 长连接（keep-alive）',
      http1Close: 'HTTP/1.1 短连接（close，每张图片一次 TCP 握手加一次 TLS 握手）',
      http1NeedsListener: '（TLS 上的 HTTP/1.1 需要一个只提供 HTTP/1.1 的监听端口：--https-http1-port）',
      noResourceTiming: '浏览器没有报告这些图片的 Resource Timing。',
      reused: (n) => n + ' 张图片复用了已有连接',
      inAdvance: (n) => n + ' 张图片用上了浏览器预先打开的连接（预连接的套接字没有连接耗时）',
      browserReports: (opened, images, protocols, explained) => '浏览器报告：为 ' + images + ' 张图片新建了 ' + opened + ' 个连接'
        + (protocols ? '（' + protocols + '）' : '') + '，带描边的图片各新建了一个连接。'
        + (explained.length > 0 ? explained.join('；') + '。' : ''),
      open: '保持打开',
      closedBecause: (reason) => '已关闭（' + reason + '）',
      cannotTell: '服务器无法判断',
      closed: (by, reason) => (by === 'server' ? '已由服务器关闭' : by === 'client' ? '已由客户端关闭' : '已关闭')
        + (reason ? '（' + reason + '）' : ''),
      stream: (id) => 'HTTP/2 流 ' + id,
      mapFailed: (message) => '无法读取连接图：' + message,
    },
  };
  const text = TEXTS[document.documentElement.lang] || TEXTS.en;
  // The visitor's ?lang= choice, carried into the links the script makes, as the page's own links carry it.
  const lang = new URLSearchParams(location.search).get('lang');

  const PROTOCOL_NAMES = { 'http/1.0': 'HTTP/1.0', 'http/1.1': 'HTTP/1.1', h2: 'HTTP/2', h2c: text.h2c };

  // What the record says of this page load's images, and of those that never arrived (expected: the page's images).
  const verdict = (images, expected, connections) => {
    const labels = new Set(images.map((r) => r.connection));
    if (images.length === 0) return text.noImages;
    const carriers = connections.filter((c) => labels.has(c.label));
    const protocols = [...new Set(carriers.map((c) => PROTOCOL_NAMES[c.protocol] || c.protocol))].join(', ');
    const http2 = carriers.length > 0 && carriers.every((c) => c.protocol === 'h2' || c.protocol === 'h2c');
    const tls = carriers.length > 0 && carriers.every((c) => c.tls);
    const counted = text.counted(images.length, labels.size, protocols, http2 ? images.length : 0);
    // A connection of its own is not a new one: it may have been kept open from an earlier page load.
    const kept = images.filter((r) => r.requestOnConnection > 1).length;
    const line = images.length > 1 && labels.size === images.length
      ? (kept === 0 ? text.everyImageOpened(counted, tls) : text.someKept(counted, kept)) : counted;
    return images.length < expected ? text.missing(line, expected - images.length, expected) : line;
  };

  // Links to the three cases a browser meets over TLS, on the visitor's own host name: the server names the ports.
  const protocolLinks = () => {
    const nav = document.getElementById('protocols');
    const https = document.body.dataset.https;
    const http1 = document.body.dataset.httpsHttp1;
    if (!https && !http1) return;
    const link = (port, policy, label) => {
      const a = element('a', null, label);
      a.href = 'https://' + location.hostname + ':' + port + '/?connection=' + policy
        + (lang ? '&lang=' + encodeURIComponent(lang) : '');
      return a;
    };
    nav.append(text.overTls);
    if (https) nav.append(link(https, 'keep-alive', 'HTTP/2'), ' ');
    if (http1) {
      nav.append(link(http1, 'keep-alive', text.http1KeepAlive), ' ', link(http1, 'close', text.http1Close));
    } else {
      nav.append(element('span', 'note', text.http1NeedsListener));
    }
    nav.hidden = false;
  };

  // Resource Timing shows connect time only for a connection opened for the request itself. An image without it
  // either reused a connection or got one the browser opened ahead of the request (Chromium's preconnect); the
  // server tells which: a reused connection had carried a request before this image.
  const browserLine = (browser, images) => {
    if (browser.size === 0) return text.noResourceTiming;
    const opened = [...browser.values()].filter((b) => b.opened).length;
    const protocols = [...new Set([...browser.values()].map((b) => b.protocol).filter(Boolean))].join(', ');
    const withoutConnectTime = images.filter((r) => browser.get(fileName(r.path))?.opened === false);
    const reused = withoutConnectTime.filter((r) => r.requestOnConnection > 1).length;
    const inAdvance = withoutConnectTime.length - reused;
    const explained = [];
    if (reused > 0) explained.push(text.reused(reused));
    if (inAdvance > 0) explained.push(text.inAdvance(inAdvance));
    return text.browserReports(opened, browser.size, protocols, explained);
  };

  // closed is true once the connection ended, false while the server holds it open, null where the server cannot tell.
  const laneState = (connection) => {
    if (connection.closed === false) return text.open;
    if (connection.closed === null) return connection.closeReason ? text.closedBecause(connection.closeReason) : text.cannotTell;
    return text.closed(connection.closedBy, connection.closeReason);
  };

  // What changes as connections end: the map is drawn again only then.
  const endings = (data) => JSON.stringify(data.connections.map((c) => [c.label, c.closed, c.closedBy, c.closeReason]));

  const render = (data) => {
    const requests = data.requests;
    const images = requests.filter((r) => r.path !== '/' && r.status === 200 && r.outcome !== 'failed');
    const browser = browserView();
    document.getElementById('verdict').textContent = verdict(images, document.images.length, data.connections);
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
        if (r.stream) chip.title = text.stream(r.stream);
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
        document.getElementById('verdict').textContent = text.mapFailed(error.message);
        document.body.dataset.mapReady = 'error';
      });
  };
  protocolLinks();
  window.addEventListener('load', refresh);
})();
