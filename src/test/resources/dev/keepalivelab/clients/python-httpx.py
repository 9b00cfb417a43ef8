# httpx with h2 (Debian's python3-httpx, python3-h2), HTTP/2 on, its defaults otherwise; connections counted by its
# trace hook. Usage: python3 python-httpx.py URLS_JSON GAP_MS sequential|burst
import asyncio, json, sys, time
import httpx

urls = json.loads(sys.argv[1])
gap = float(sys.argv[2]) / 1000
burst = sys.argv[3] == 'burst'
connections = [0]
headers = {'user-agent': 'keepalive-matrix'}


def counted(name):
    if name == 'connection.connect_tcp.complete':
        connections[0] += 1


def result(errors):
    failed = [e for e in errors if e is not None]
    print(json.dumps({'sent': len(urls), 'answered': len(urls) - len(failed), 'connections': connections[0],
                      'error': failed[0] if failed else None}))


def outcome(response):
    return None if response.status_code == 200 else 'status %d' % response.status_code


def sequential():
    errors = []
    with httpx.Client(http2=True, verify=False, headers=headers) as client:
        for url in urls:
            try:
                errors.append(outcome(client.get(url, extensions={'trace': lambda name, info: counted(name)})))
            except Exception as e:
                errors.append('%s: %s' % (type(e).__name__, e))
            time.sleep(gap)
    return errors


async def at_once():
    async def trace(name, info):
        counted(name)

    async with httpx.AsyncClient(http2=True, verify=False, headers=headers) as client:
        async def one(url):
            try:
                return outcome(await client.get(url, extensions={'trace': trace}))
            except Exception as e:
                return '%s: %s' % (type(e).__name__, e)
        return await asyncio.gather(*[one(url) for url in urls])


result(asyncio.run(at_once()) if burst else sequential())
