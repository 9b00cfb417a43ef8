# Python requests with its defaults (a Session, which follows redirects), reading the whole body.
# Usage: /usr/bin/python3 requests_fetch.py URL [BODY]: a GET, or a POST of BODY (Debian's python3, which has
# python3-requests). Exits 1 on a transport error, a body requests reports as truncated, or a status of 400 or more.
import sys

import requests

try:
    with requests.Session() as session:
        if len(sys.argv) > 2:
            response = session.post(sys.argv[1], data=sys.argv[2].encode())
        else:
            response = session.get(sys.argv[1])
        print(f"status {response.status_code}, {len(response.content)} bytes")
        sys.exit(1 if response.status_code >= 400 else 0)
except requests.RequestException as e:
    print(f"requests failed: {type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(1)
