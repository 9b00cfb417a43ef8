# Python's http.client, one HTTPConnection as its users keep it: it opens a new socket by itself after a response
# that said Connection: close; no retry. Usage: python3 python-http-client.py URLS_JSON GAP_MS
import http.client, json, sys, time, urllib.parse

urls = json.loads(sys.argv[1])
gap = float(sys.argv[2]) / 1000
first = urllib.parse.urlsplit(urls[0])
connection = http.client.HTTPConnection(first.hostname, first.port)
ports = set()
errors = []
for url in urls:
    parts = urllib.parse.urlsplit(url)
    try:
        connection.request('GET', parts.path + '?' + parts.query, headers={'User-Agent': 'keepalive-matrix'})
        ports.add(connection.sock.getsockname()[1])
        response = connection.getresponse()
        response.read()
        errors.append(None if response.status == 200 else 'status %d' % response.status)
    except Exception as e:
        errors.append(type(e).__name__)
        connection.close()
    time.sleep(gap)
failed = [e for e in errors if e is not None]
print(json.dumps({'sent': len(urls), 'answered': len(urls) - len(failed), 'connections': len(ports),
                  'error': failed[0] if failed else None}))
