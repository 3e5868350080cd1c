#!/usr/bin/env python3
"""Writes the capture files of tests/cases/<case>/ from one description per case.

The HAR shapes follow real Chromium 156 DevTools exports (recorded with
tests/browser/conformance.test.mjs): alphabetised headers, a separate
`preflight` entry, `net::ERR_FAILED` and no body on blocked responses, status 0
and provisional request headers only for an actual request whose preflight
failed. expect.json is NOT written here: it is kept by hand, so that the
expectations say what is right rather than what this script or whycors print.

Run: python3 tests/cases/generate.py   (rewrites the capture files only)
"""
import base64
import hashlib
import json
import os
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
APP = "https://app.example.com"
UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"
UA_FF = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"
SEC_CH_UA = '"Chromium";v="156", "Google Chrome";v="156", "Not_A Brand";v="24"'
REASONS = {200: "OK", 201: "Created", 204: "No Content", 302: "Found", 401: "Unauthorized", 403: "Forbidden",
           413: "Request Entity Too Large", 429: "Too Many Requests", 500: "Internal Server Error",
           502: "Bad Gateway", 504: "Gateway Timeout"}


def ident(seed, n=36):
    h = hashlib.sha256(seed.encode()).hexdigest()
    if n == 36:
        return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
    return h[:n]


def apigw_id(seed):
    return base64.b64encode(hashlib.sha256(seed.encode()).digest()[:10]).decode()[:14] + "="


def site(url):
    host = urlsplit(url).netloc
    return "same-site" if host == "example.com" or host.endswith(".example.com") else "cross-site"


def sorted_headers(hs):
    return sorted(hs, key=lambda h: h[0])


# ---------------------------------------------------------------- HAR (Chrome)

def har_request_headers(url, method, app_headers, kind, preflight_of=None, cookie=None, page=APP + "/"):
    u = urlsplit(url)
    path = u.path + (("?" + u.query) if u.query else "")
    hs = [(":authority", u.netloc), (":method", method), (":path", path), (":scheme", "https"),
          ("accept", "*/*" if kind == "preflight" else "application/json, text/plain, */*"),
          ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", "en-US,en;q=0.9"),
          ("origin", APP), ("priority", "u=1, i"), ("referer", page),
          ("sec-fetch-dest", "empty"), ("sec-fetch-mode", "cors"), ("sec-fetch-site", site(url)),
          ("user-agent", UA)]
    if kind == "preflight":
        m, acrh = preflight_of
        hs.append(("access-control-request-method", m))
        if acrh:
            hs.append(("access-control-request-headers", acrh))
    else:
        hs += [("sec-ch-ua", SEC_CH_UA), ("sec-ch-ua-mobile", "?0"), ("sec-ch-ua-platform", '"macOS"')]
        for n, v in app_headers:
            hs.append((n.lower(), v))
        if cookie:
            hs.append(("cookie", cookie))
    return sorted_headers(hs)


def provisional_headers(app_headers, page=APP + "/"):
    # What DevTools shows for a request that never got a response.
    hs = [("sec-ch-ua-platform", '"macOS"'), ("Referer", page), ("User-Agent", UA), ("sec-ch-ua", SEC_CH_UA)]
    hs += list(app_headers)
    hs.append(("sec-ch-ua-mobile", "?0"))
    return hs


def hv(hs):
    return [{"name": n, "value": v} for n, v in hs]


def har_entry(url, method, req_headers, resp, started, kind="fetch", body=None, preflight_id=None, blocked=False,
              ip="3.5.140.2", conn="443", post=None):
    u = urlsplit(url)
    qs = []
    if u.query:
        for part in u.query.split("&"):
            k, _, v = part.partition("=")
            qs.append({"name": k, "value": v})
    e = {}
    if kind == "preflight":
        e["_initiator"] = {"type": "preflight", "url": url, "requestId": preflight_id}
    else:
        e["_initiator"] = {"type": "script", "stack": {"callFrames": [
            {"functionName": "request", "scriptId": "41", "url": APP + "/assets/index-7c1e2f.js", "lineNumber": 0, "columnNumber": 48213}],
            "parent": {"description": "await", "callFrames": [
                {"functionName": "load", "scriptId": "41", "url": APP + "/assets/index-7c1e2f.js", "lineNumber": 0, "columnNumber": 51877}]}}}
    e["_priority"] = "High"
    e["_resourceType"] = kind
    e["cache"] = {}
    if resp is not None and resp["status"] != 0:
        e["connection"] = conn
    req = {"method": method, "url": url, "httpVersion": "h2" if resp and resp["status"] else "",
           "headers": hv(req_headers), "queryString": qs, "cookies": [], "headersSize": -1,
           "bodySize": len(post[1]) if post else 0}
    if post:
        req["postData"] = {"mimeType": post[0], "text": post[1]}
    e["request"] = req
    status = resp["status"] if resp else 0
    r = {"status": status, "statusText": "", "httpVersion": "h2" if status else "",
         "headers": hv(sorted_headers(resp["headers"])) if resp else [], "cookies": [],
         "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "",
         "headersSize": -1, "bodySize": -1, "_transferSize": 0,
         "_error": None, "_fetchedViaServiceWorker": False}
    if resp and resp.get("location"):
        r["redirectURL"] = resp["location"]
    if blocked or not resp:
        r["_error"] = "net::ERR_FAILED"
    elif status:
        text = resp.get("body", "")
        ctype = next((v for n, v in resp["headers"] if n.lower() == "content-type"), "x-unknown")
        r["content"] = {"size": len(text), "mimeType": ctype.split(";")[0]}
        if text and not resp.get("location"):
            r["content"]["text"] = text
        r["bodySize"] = len(text)
        r["_transferSize"] = len(text) + 300
    e["response"] = r
    e["serverIPAddress"] = ip if (resp and status and not blocked) else ""
    e["startedDateTime"] = started
    e["time"] = 48.7 if status else 21.3
    e["timings"] = {"blocked": 1.2 if status else 21.3, "dns": -1, "ssl": -1, "connect": -1, "send": 0.2 if status else 0,
                    "wait": 44.9 if status else 0, "receive": 2.4 if status else 0, "_blocked_queueing": 0.8,
                    "_workerStart": -1, "_workerReady": -1, "_workerFetchStart": -1, "_workerRespondWithSettled": -1}
    if kind == "preflight":
        e["_connectionId"] = "1187"
    e["pageref"] = "page_1"
    return e


def write_har(path, c, entries):
    har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                   "pages": [{"startedDateTime": c["t0"] + ":01.102Z", "id": "page_1", "title": c.get("page", APP + "/"),
                              "pageTimings": {"onContentLoad": 412.3, "onLoad": 688.9}}],
                   "entries": entries}}
    with open(path, "w") as f:
        json.dump(har, f, indent=2)
        f.write("\n")


def chrome_har(c):
    entries = []
    t = 7
    acrh = c.get("acrh")
    pre = c.get("preflight")
    page = c.get("page", APP + "/")
    cookie = c.get("cookie")
    if pre is not None:
        entries.append(har_entry(c["url"], "OPTIONS",
                                 har_request_headers(c["url"], "OPTIONS", [], "preflight", (c["method"], acrh), page=page),
                                 pre, f"{c['t0']}:{t:02d}.418Z", kind="preflight", preflight_id="61544.207"))
    act = c.get("actual")
    hops = c.get("redirects", [])
    if act is None:
        entries.append(har_entry(c["url"], c["method"], provisional_headers(c["app_headers"], page), None,
                                 f"{c['t0']}:{t:02d}.417Z", blocked=True, post=c.get("post")))
    else:
        url = c["url"]
        for hop in hops:
            entries.append(har_entry(url, c["method"], har_request_headers(url, c["method"], c["app_headers"], "fetch", cookie=cookie, page=page),
                                     hop, f"{c['t0']}:{t:02d}.417Z", post=c.get("post")))
            url = hop["location"]
        blocked = c.get("blocked", True)
        # After a cross-origin redirect the browser sends Origin: null.
        hs = har_request_headers(url, c["method"], c["app_headers"], "fetch", cookie=cookie, page=page)
        if hops:
            hs = [(n, "null") if n == "origin" else (n, v) for n, v in hs]
        entries.append(har_entry(url, c["method"], hs, act, f"{c['t0']}:{t:02d}.481Z", blocked=blocked, post=c.get("post")))
    return entries


# ------------------------------------------------- DevTools "Copy … headers"

def devtools_headers(c):
    out = []
    u = urlsplit(c["url"])
    pre = c.get("preflight")
    page = c.get("page", APP + "/")

    def resp_block(r):
        lines = [f":status: {r['status']}"] if c.get("h2", True) else [f"HTTP/1.1 {r['status']} {REASONS.get(r['status'], '')}"]
        lines += [f"{n}: {v}" for n, v in r["headers"]]
        return "\n".join(lines)

    if c.get("h2", True):
        def req_block(method, kind):
            hs = har_request_headers(c["url"], method, c["app_headers"], kind, (c["method"], c.get("acrh")),
                                     cookie=c.get("cookie"), page=page)
            return "\n".join(f"{n}: {v}" for n, v in hs)
    else:
        def req_block(method, kind):
            path = u.path + (("?" + u.query) if u.query else "")
            hs = [("Accept", "*/*" if kind == "preflight" else "application/json, text/plain, */*"),
                  ("Accept-Encoding", "gzip, deflate, br, zstd"), ("Accept-Language", "en-US,en;q=0.9")]
            if kind == "preflight":
                if c.get("acrh"):
                    hs.append(("Access-Control-Request-Headers", c["acrh"]))
                hs.append(("Access-Control-Request-Method", c["method"]))
            else:
                hs += [(n, v) for n, v in c["app_headers"]]
            hs += [("Connection", "keep-alive"), ("Host", u.netloc), ("Origin", APP), ("Referer", page),
                   ("Sec-Fetch-Dest", "empty"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Site", site(c["url"])), ("User-Agent", UA)]
            return f"{method} {path} HTTP/1.1\n" + "\n".join(f"{n}: {v}" for n, v in sorted_headers(hs))

    if pre is not None:
        out.append(req_block("OPTIONS", "preflight"))
        out.append(resp_block(pre))
    out.append(req_block(c["method"], "fetch"))
    act = c.get("actual")
    if act is not None and not c.get("redirects"):
        out.append(resp_block(act))
    elif act is not None:
        out.append(resp_block(c["redirects"][0]))
    return "\n\n".join(out) + "\n"


# ------------------------------------- DevTools' Headers tab, selected and copied

def devtools_copy(c):
    """The Headers tab of each request, selected with the mouse and copied, one after the
    other, as Chromium 156 puts it on the clipboard (tests/browser/devtools-copy.test.mjs
    records real ones): no section titles; each name and its value on two lines; the General
    rows (no Request method / Status code / Remote address rows for a request that got no
    response), the response's headers, then the request's, each sorted by lower-cased name."""
    page = c.get("page", APP + "/")
    ip = c.get("ip", "3.5.140.2")
    views = []

    def view(url, method, resp, req_headers):
        rows = [("Request URL", url)]
        if resp is not None:
            rows += [("Request method", method),
                     ("Status code", f"{resp['status']} {REASONS.get(resp['status'], '')}".rstrip()),
                     ("Remote address", f"{ip}:443")]
        rows.append(("Referrer policy", "strict-origin-when-cross-origin"))
        if resp is not None:
            rows += sorted(((n.lower(), v) for n, v in resp["headers"]), key=lambda h: h[0])
        rows += sorted(((n.lower(), v) for n, v in req_headers), key=lambda h: h[0])
        return "\n".join(f"{n}\n{v}" for n, v in rows)

    pre = c.get("preflight")
    if pre is not None:
        views.append(view(c["url"], "OPTIONS", pre,
                          har_request_headers(c["url"], "OPTIONS", [], "preflight", (c["method"], c.get("acrh")), page=page)))
    act = c.get("actual")
    if act is None:
        views.append(view(c["url"], c["method"], None, provisional_headers(c["app_headers"], page)))
    else:
        url = c["url"]
        for hop in c.get("redirects", []):
            views.append(view(url, c["method"], hop,
                              har_request_headers(url, c["method"], c["app_headers"], "fetch", cookie=c.get("cookie"), page=page)))
            url = hop["location"]
        hs = har_request_headers(url, c["method"], c["app_headers"], "fetch", cookie=c.get("cookie"), page=page)
        if c.get("redirects"):
            hs = [(n, "null") if n == "origin" else (n, v) for n, v in hs]
        views.append(view(url, c["method"], act, hs))
    return "\n\n".join(views) + "\n"


# ------------------------------------------------------------------ curl -v

def curl_v(c, which):
    u = urlsplit(c["url"])
    host = u.netloc
    path = u.path + (("?" + u.query) if u.query else "")
    ip = c.get("ip", "3.5.140.2")
    parts = []
    runs = []
    if which in ("preflight", "both") and c.get("preflight") is not None:
        hs = [("Origin", APP), ("Access-Control-Request-Method", c["method"])]
        if c.get("acrh"):
            hs.append(("Access-Control-Request-Headers", c["acrh"]))
        runs.append(("OPTIONS", hs, c["preflight"], None))
    if which in ("actual", "both") and c.get("actual") is not None:
        hs = [("Origin", APP)] + [(n, v) for n, v in c["app_headers"]]
        if c.get("cookie"):
            hs.append(("Cookie", c["cookie"]))
        first = c["redirects"][0] if c.get("redirects") else c["actual"]
        runs.append((c["method"], hs, first, c.get("post")))
    for method, hs, r, post in runs:
        cmd = "$ curl -v"
        if c.get("curl_follow"):
            cmd += " -L"
        if method not in ("GET",) and not (method == "POST" and post):
            cmd += f" -X {method}"
        cmd += f" {c['url']}"
        for n, v in hs:
            cmd += f" -H '{n}: {v}'"
        if post:
            cmd += " --data-raw '" + post[1] + "'"
        lines = [cmd,
                 f"* Host {host}:443 was resolved.", "* IPv6: (none)", f"* IPv4: {ip}, 3.5.140.9",
                 f"*   Trying {ip}:443...", f"* Connected to {host} ({ip}) port 443",
                 "* ALPN: curl offers h2,http/1.1",
                 "* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256 / X25519 / RSASSA-PSS",
                 "* ALPN: server accepted h2",
                 f"* Server certificate:", f"*  subject: CN={c.get('cert', '*.' + host.split('.', 1)[1])}",
                 "*  SSL certificate verify ok.",
                 "* using HTTP/2",
                 f"* [HTTP/2] [1] OPENED stream for {c['url']}",
                 f"* [HTTP/2] [1] [:method: {method}]", "* [HTTP/2] [1] [:scheme: https]",
                 f"* [HTTP/2] [1] [:authority: {host}]", f"* [HTTP/2] [1] [:path: {path}]",
                 f"> {method} {path} HTTP/2", f"> Host: {host}", "> User-Agent: curl/8.7.1", "> Accept: */*"]
        lines += [f"> {n}: {v}" for n, v in hs]
        if post:
            lines.append(f"> Content-Length: {len(post[1])}")
        lines.append("> ")
        if post:
            lines.append(f"* upload completely sent off: {len(post[1])} bytes")
        lines.append(f"< HTTP/2 {r['status']} ")
        lines += [f"< {n.lower()}: {v}" for n, v in r["headers"]]
        lines.append("< ")
        if c.get("curl_follow") and r.get("location"):
            # curl -L: the next hop, with the same -H headers.
            nu = urlsplit(r["location"])
            npath = nu.path + (("?" + nu.query) if nu.query else "")
            lines += ["* Ignoring the response-body", f"* Connection #0 to host {host} left intact",
                      f"* Issue another request to this URL: '{r['location']}'",
                      f"* Host {nu.netloc}:443 was resolved.", "* IPv6: (none)", "* IPv4: 172.67.140.21",
                      "*   Trying 172.67.140.21:443...", f"* Connected to {nu.netloc} (172.67.140.21) port 443",
                      "* ALPN: server accepted h2", "* using HTTP/2",
                      f"* [HTTP/2] [1] OPENED stream for {r['location']}",
                      f"> {method} {npath} HTTP/2", f"> Host: {nu.netloc}", "> User-Agent: curl/8.7.1", "> Accept: */*"]
            lines += [f"> {n}: {v}" for n, v in hs if n.lower() != "cookie"]
            lines.append("> ")
            host = nu.netloc
            r = c["actual"]
            lines.append(f"< HTTP/2 {r['status']} ")
            lines += [f"< {n.lower()}: {v}" for n, v in r["headers"]]
            lines.append("< ")
        body = r.get("body", "")
        tail = f"* Connection #0 to host {host} left intact"
        if body:
            lines.append(body + tail if not body.endswith("\n") else body + tail)
        else:
            lines.append(tail)
        parts.append("\n".join(lines))
    return "\n".join(parts) + "\n"


# ----------------------------------------------------------- copy as cURL/fetch

def copy_as_curl(c):
    lines = [f"curl '{c['url']}' \\"]
    if c["method"] not in ("GET", "POST") or (c["method"] == "POST" and not c.get("post")):
        lines.append(f"  -X '{c['method']}' \\")
    hs = [("accept", "application/json, text/plain, */*"), ("accept-language", "en-US,en;q=0.9")]
    hs += [(n.lower(), v) for n, v in c["app_headers"]]
    if c.get("cookie"):
        hs.append(("cookie", c["cookie"]))
    hs += [("origin", APP), ("priority", "u=1, i"), ("referer", c.get("page", APP + "/")),
           ("sec-ch-ua", SEC_CH_UA), ("sec-ch-ua-mobile", "?0"), ("sec-ch-ua-platform", '"macOS"'),
           ("sec-fetch-dest", "empty"), ("sec-fetch-mode", "cors"), ("sec-fetch-site", site(c["url"])), ("user-agent", UA)]
    for n, v in sorted_headers(hs):
        lines.append(f"  -H '{n}: {v}' \\")
    if c.get("post"):
        lines.append(f"  --data-raw '{c['post'][1]}'")
    else:
        lines[-1] = lines[-1][:-2]
    return "\n".join(lines) + "\n"


def copy_as_fetch(c):
    hs = [("accept", "application/json, text/plain, */*"), ("accept-language", "en-US,en;q=0.9")]
    hs += [(n.lower(), v) for n, v in c["app_headers"]]
    hs += [("priority", "u=1, i"), ("sec-ch-ua", SEC_CH_UA), ("sec-ch-ua-mobile", "?0"), ("sec-ch-ua-platform", '"macOS"'),
           ("sec-fetch-dest", "empty"), ("sec-fetch-mode", "cors"), ("sec-fetch-site", site(c["url"]))]
    h = ",\n".join(f"    {json.dumps(n)}: {json.dumps(v)}" for n, v in sorted_headers(hs))
    body = json.dumps(c["post"][1]) if c.get("post") else "null"
    # DevTools writes "include" whenever the request carried a cookie or an
    # Authorization header, whatever the page's credentials mode was.
    cred = "include" if (c.get("cookie") or any(n.lower() == "authorization" for n, _ in c["app_headers"])) else "omit"
    return (f'fetch({json.dumps(c["url"])}, {{\n  "headers": {{\n{h}\n  }},\n'
            f'  "referrer": {json.dumps(c.get("page", APP + "/"))},\n  "referrerPolicy": "strict-origin-when-cross-origin",\n'
            f'  "body": {body},\n  "method": {json.dumps(c["method"])},\n  "mode": "cors",\n  "credentials": {json.dumps(cred)}\n}});\n')


# ------------------------------------------------------------------- cases

def rest_hdrs(seed, status_len, errtype=None, extra=()):
    hs = [("content-type", "application/json"), ("content-length", str(status_len)),
          ("date", "Tue, 17 Nov 2026 14:02:09 GMT"), ("x-amz-apigw-id", apigw_id(seed)),
          ("x-amzn-requestid", ident(seed))]
    if errtype:
        hs.append(("x-amzn-errortype", errtype))
    hs += list(extra)
    return hs


def rest_error(seed, errtype, body, status):
    return {"status": status, "headers": rest_hdrs(seed, len(body), errtype), "body": body}


def rest_mock_preflight(seed, methods="DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT",
                        headers="Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token"):
    return {"status": 200, "headers": [
        ("content-type", "application/json"), ("content-length", "0"), ("date", "Tue, 17 Nov 2026 14:02:09 GMT"),
        ("x-amzn-requestid", ident(seed + "pre")), ("access-control-allow-origin", APP),
        ("access-control-allow-headers", headers), ("x-amz-apigw-id", apigw_id(seed + "pre")),
        ("access-control-allow-methods", methods)], "body": ""}


REST = "https://k7p2x9w4d1.execute-api.us-east-1.amazonaws.com"
JWT = "Bearer eyJraWQiOiJLc0l4cnJzV3R0IiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiI3ZjNhOWMiLCJ0b2tlbl91c2UiOiJhY2Nlc3MifQ.c2lnbmF0dXJl"

CASES = {}

CASES["rest-throttled-429"] = dict(
    url=REST + "/prod/orders", method="POST", acrh="authorization,content-type",
    app_headers=[("Authorization", JWT), ("Content-Type", "application/json")],
    post=("application/json", '{"sku":"TSHIRT-M-BLUE","qty":2}'), page=APP + "/checkout", t0="2026-11-17T14:02",
    preflight=rest_mock_preflight("thr"),
    actual=rest_error("thr", "TooManyRequestsException", '{"message":"Too Many Requests"}', 429),
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  POST {url} net::ERR_FAILED 429 (Too Many Requests)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 429.",
    curl="both", copies=True)

CASES["rest-missing-options"] = dict(
    url=REST + "/prod/items/42", method="PUT", acrh="authorization,content-type",
    app_headers=[("Authorization", JWT), ("Content-Type", "application/json")],
    post=("application/json", '{"name":"Blue mug","price":12.5}'), page=APP + "/items/42/edit", t0="2026-11-17T09:41",
    preflight=rest_error("mao", "MissingAuthenticationTokenException", '{"message":"Missing Authentication Token"}', 403),
    actual=None,
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
            "index-7c1e2f.js:1  PUT {url} net::ERR_FAILED"],
    # Gecko checks the preflight's Allow-Origin before its status, then logs
    # "did not succeed" (null) for the request it cancelled unsent.
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.\n"
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS request did not succeed). Status code: (null).",
    curl="preflight", copies=True)

CASES["rest-authorizer-options"] = dict(
    url=REST + "/prod/profile", method="GET", acrh="authorization",
    app_headers=[("Authorization", JWT)], page=APP + "/account", t0="2026-11-17T10:15",
    preflight=rest_error("auo", "UnauthorizedException", '{"message":"Unauthorized"}', 401),
    actual=None,
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
            "index-7c1e2f.js:1  GET {url} net::ERR_FAILED"],
    # Gecko checks the preflight's Allow-Origin before its status, then logs
    # "did not succeed" (null) for the request it cancelled unsent.
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.\n"
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS request did not succeed). Status code: (null).",
    curl="preflight", copies=True)

HTTPAPI = "https://q1w2e3r4t5.execute-api.eu-central-1.amazonaws.com"
CASES["http-api-default-route"] = dict(
    url=HTTPAPI + "/me", method="GET", acrh="authorization",
    app_headers=[("Authorization", JWT)], page=APP + "/", t0="2026-11-17T11:20", ip="18.192.7.33",
    preflight={"status": 401, "headers": [("date", "Tue, 17 Nov 2026 11:20:44 GMT"), ("content-type", "application/json"),
                                          ("content-length", "26"), ("www-authenticate", "Bearer"),
                                          ("apigw-requestid", "Vq3kLhc9FiAEMhQ=")], "body": '{"message":"Unauthorized"}'},
    actual=None,
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
            "index-7c1e2f.js:1  GET {url} net::ERR_FAILED"],
    # Gecko checks the preflight's Allow-Origin before its status, then logs
    # "did not succeed" (null) for the request it cancelled unsent.
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.\n"
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS request did not succeed). Status code: (null).",
    curl="preflight", copies=True)

lambda_200_hdrs = [("content-type", "application/json"), ("content-length", "58"), ("date", "Tue, 17 Nov 2026 15:31:02 GMT"),
                   ("x-amzn-requestid", ident("lam")), ("x-amz-apigw-id", apigw_id("lam")),
                   ("x-amzn-trace-id", "Root=1-6920c2f6-3b1e51d2712f4a5b6c7d8e9f;Parent=4e1f2a3b4c5d6e7f;Sampled=0;Lineage=1:a1b2c3d4:0")]
CASES["lambda-no-headers"] = dict(
    url=REST + "/prod/orders", method="POST", acrh="content-type",
    app_headers=[("Content-Type", "application/json")],
    post=("application/json", '{"sku":"MUG-BLUE","qty":1}'), page=APP + "/checkout", t0="2026-11-17T15:31",
    preflight=rest_mock_preflight("lam"),
    actual={"status": 200, "headers": lambda_200_hdrs, "body": '{"orderId":"ord_8f2k1","status":"created","total":12.5}'},
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  POST {url} net::ERR_FAILED 200 (OK)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.",
    curl="both", copies=True,
    variants={"500": dict(
        actual={"status": 500, "headers": [("content-type", "application/json"), ("content-length", "49"),
                                           ("date", "Tue, 17 Nov 2026 15:33:40 GMT"), ("x-amzn-requestid", ident("lam5")),
                                           ("x-amz-apigw-id", apigw_id("lam5")),
                                           ("x-amzn-trace-id", "Root=1-6920c394-1a2b3c4d5e6f7a8b9c0d1e2f;Parent=5f6e7d8c9b0a1f2e;Sampled=0;Lineage=1:a1b2c3d4:0")],
                "body": '{"error":"OrderValidationError","field":"qty"}'},
        firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.",
        chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
                "index-7c1e2f.js:1  POST {url} net::ERR_FAILED 500 (Internal Server Error)"])})

CASES["gateway-5xx"] = dict(
    url=REST + "/prod/reports", method="POST", acrh="content-type",
    app_headers=[("Content-Type", "application/json")],
    post=("application/json", '{"from":"2026-01-01","to":"2026-10-31","format":"csv"}'), page=APP + "/reports", t0="2026-11-17T16:05",
    preflight=rest_mock_preflight("g5"),
    actual=rest_error("g5", "InternalServerErrorException", '{"message": "Endpoint request timed out"}', 504),
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  POST {url} net::ERR_FAILED 504 (Gateway Timeout)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 504.",
    curl="both", copies=False,
    variants={"502": dict(
        actual=rest_error("g52", "InternalServerErrorException", '{"message": "Internal server error"}', 502),
        chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
                "index-7c1e2f.js:1  POST {url} net::ERR_FAILED 502 (Bad Gateway)"],
        firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 502.")})

CASES["waf-403"] = dict(
    url=REST + "/prod/search?q=%27%20OR%201%3D1--", method="GET", acrh=None,
    app_headers=[], page=APP + "/search", t0="2026-11-17T12:48",
    preflight=None,
    actual=rest_error("waf", "ForbiddenException", '{"message":"Forbidden"}', 403),
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  GET {url} net::ERR_FAILED 403 (Forbidden)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.",
    curl="actual", copies=False)

API = "https://api.example.com"
CASES["wildcard-credentials"] = dict(
    url=API + "/v1/cart", method="GET", acrh=None, credentials="include",
    app_headers=[], cookie="sid=s%3A7f3a9c2e1b.Yk1t", page=APP + "/cart", t0="2026-11-17T13:12", ip="104.18.22.140",
    cert="api.example.com",
    preflight=None,
    actual={"status": 200, "headers": [("date", "Tue, 17 Nov 2026 13:12:30 GMT"), ("content-type", "application/json; charset=utf-8"),
                                       ("content-length", "71"), ("x-powered-by", "Express"),
                                       ("access-control-allow-origin", "*"), ("access-control-allow-credentials", "true"),
                                       ("etag", 'W/"47-Hn2ZxL1Kq7m9"')],
            "body": '{"items":[{"sku":"MUG-BLUE","qty":1}],"total":12.5,"currency":"EUR"}'},
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
            "index-7c1e2f.js:1  GET {url} net::ERR_FAILED 200 (OK)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
    curl="actual", copies=True)

CASES["authorization-not-allowed"] = dict(
    url=API + "/v1/projects?limit=20", method="GET", acrh="authorization",
    app_headers=[("Authorization", JWT)], page=APP + "/projects", t0="2026-11-17T13:40", ip="104.18.22.140", cert="api.example.com",
    preflight={"status": 204, "headers": [("date", "Tue, 17 Nov 2026 13:40:05 GMT"), ("x-powered-by", "Express"),
                                          ("access-control-allow-origin", APP), ("vary", "Origin"),
                                          ("access-control-allow-methods", "GET,HEAD,PUT,PATCH,POST,DELETE"),
                                          ("access-control-allow-headers", "Content-Type,X-Requested-With"),
                                          ("content-length", "0")], "body": ""},
    actual=None,
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.",
            "index-7c1e2f.js:1  GET {url} net::ERR_FAILED"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: header ‘authorization’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).",
    curl="preflight", copies=True)

CASES["method-not-allowed"] = dict(
    url=REST + "/prod/items/42", method="PUT", acrh="content-type",
    app_headers=[("Content-Type", "application/json")],
    post=("application/json", '{"name":"Blue mug","price":14}'), page=APP + "/items/42/edit", t0="2026-11-17T14:22",
    preflight=rest_mock_preflight("mna", methods="GET,OPTIONS,POST", headers="Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token"),
    actual=None,
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.",
            "index-7c1e2f.js:1  PUT {url} net::ERR_FAILED"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).",
    curl="preflight", copies=True)

CASES["unexposed-etag"] = dict(
    url=HTTPAPI + "/documents/7", method="GET", acrh=None,
    app_headers=[], page=APP + "/documents/7", t0="2026-11-17T15:02", ip="18.192.7.33", blocked=False,
    preflight=None,
    actual={"status": 200, "headers": [("date", "Tue, 17 Nov 2026 15:02:11 GMT"), ("content-type", "application/json"),
                                       ("content-length", "64"), ("apigw-requestid", "Vq9aFjR1FiAEJxw="),
                                       ("access-control-allow-origin", APP), ("vary", "origin"),
                                       ("etag", '"d41d8cd98f00b204e9800998ecf8427e"'), ("last-modified", "Mon, 16 Nov 2026 08:00:00 GMT")],
            "body": '{"id":7,"title":"Quarterly plan","body":"Draft","revision":12}'},
    chrome=[], firefox=None, curl="actual", copies=True)

CASES["missing-vary"] = dict(
    url=API + "/v1/catalog?category=mugs", method="GET", acrh=None,
    app_headers=[], page=APP + "/shop", t0="2026-11-17T15:44", ip="104.18.22.140", cert="api.example.com", blocked=False,
    preflight=None,
    actual={"status": 200, "headers": [("date", "Tue, 17 Nov 2026 15:44:19 GMT"), ("content-type", "application/json; charset=utf-8"),
                                       ("content-length", "62"), ("cache-control", "public, max-age=300"),
                                       ("access-control-allow-origin", APP), ("x-cache", "Hit from cloudfront"),
                                       ("via", "1.1 5d1c6c5e8f2a7b3e9d0c4f6a1b2e3d4c.cloudfront.net (CloudFront)"),
                                       ("x-amz-cf-pop", "FRA56-P5"), ("x-amz-cf-id", "q1Zk8rW3nYt5bLm0pXc7vQ2sJd9fHg4aK6eNuR1oT8iMwE3yBzA=="),
                                       ("age", "118")],
            "body": '{"items":[{"sku":"MUG-BLUE","price":12.5}],"page":1,"total":1}'},
    chrome=[], firefox=None, curl="actual", copies=False)

CASES["origin-mismatch"] = dict(
    url=API + "/v1/contact", method="POST", acrh="content-type",
    app_headers=[("Content-Type", "application/json")],
    post=("application/json", '{"email":"ana@example.org","message":"Hello"}'), page=APP + "/contact", t0="2026-11-17T16:30",
    ip="104.18.22.140", cert="api.example.com", h2=False,
    preflight={"status": 204, "headers": [("server", "nginx/1.26.2"), ("date", "Tue, 17 Nov 2026 16:30:12 GMT"),
                                          ("connection", "keep-alive"), ("access-control-allow-origin", APP + "/"),
                                          ("access-control-allow-methods", "GET, POST, OPTIONS"),
                                          ("access-control-allow-headers", "Content-Type, Authorization"),
                                          ("access-control-max-age", "86400")], "body": ""},
    actual=None,
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com/' that is not equal to the supplied origin.",
            "index-7c1e2f.js:1  POST {url} net::ERR_FAILED"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example.com/’).",
    curl="preflight", copies=True)

CF_BODY = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n'
           '<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n'
           '<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n'
           '<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\nRequest blocked.\n'
           "We can't connect to the server for this app or website at this time. There might be too much traffic or a configuration error. Try again later, or contact the app or website owner.\n"
           '<BR clear="all">\nIf you provide content to customers through CloudFront, you can find steps to troubleshoot and help prevent this error by reviewing the CloudFront documentation.\n'
           '<BR clear="all">\n<HR noshade size="1px">\n<PRE>\nGenerated by cloudfront (CloudFront)\n'
           'Request ID: 3Jc1aXq8n0vW7yTzK2mLpB5dR9sF4gH6jE1uN0oQ3iY8tA7wC2eZ0A==\n</PRE>\n<ADDRESS>\n</ADDRESS>\n</BODY></HTML>')
CASES["cloudfront-403"] = dict(
    url="https://d1a2b3c4d5e6f7.cloudfront.net/api/catalog/featured", method="GET", acrh=None,
    app_headers=[], page=APP + "/", t0="2026-11-17T17:05", ip="18.66.2.81", cert="*.cloudfront.net",
    preflight=None,
    actual={"status": 403, "headers": [("server", "CloudFront"), ("date", "Tue, 17 Nov 2026 17:05:51 GMT"),
                                       ("content-type", "text/html"), ("content-length", str(len(CF_BODY))),
                                       ("x-cache", "Error from cloudfront"),
                                       ("via", "1.1 8f3b2a1c9d0e7f6a5b4c3d2e1f0a9b8c.cloudfront.net (CloudFront)"),
                                       ("x-amz-cf-pop", "FRA56-P5"),
                                       ("x-amz-cf-id", "3Jc1aXq8n0vW7yTzK2mLpB5dR9sF4gH6jE1uN0oQ3iY8tA7wC2eZ0A==")],
            "body": CF_BODY},
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  GET {url} net::ERR_FAILED 403 (Forbidden)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.",
    curl="actual", copies=False)

NGINX_413 = ("<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
             "<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
CASES["nginx-413"] = dict(
    url=API + "/v1/uploads", method="POST", acrh="authorization,content-type",
    app_headers=[("Authorization", JWT), ("Content-Type", "application/octet-stream")],
    page=APP + "/files", t0="2026-11-17T17:40", ip="104.18.22.140", cert="api.example.com", h2=False,
    preflight={"status": 204, "headers": [("server", "nginx"), ("date", "Tue, 17 Nov 2026 17:40:02 GMT"),
                                          ("connection", "keep-alive"), ("access-control-allow-origin", APP),
                                          ("vary", "Origin"),
                                          ("access-control-allow-methods", "GET, POST, PUT, DELETE, OPTIONS"),
                                          ("access-control-allow-headers", "Authorization, Content-Type"),
                                          ("access-control-max-age", "600")], "body": ""},
    actual={"status": 413, "headers": [("server", "nginx"), ("date", "Tue, 17 Nov 2026 17:40:02 GMT"),
                                       ("content-type", "text/html"), ("content-length", "176"), ("connection", "close")],
            "body": NGINX_413},
    chrome=["Access to fetch at '{url}' from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  POST {url} net::ERR_FAILED 413 (Request Entity Too Large)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 413.",
    curl="both", copies=True)

LOGIN = "https://auth.example.net/login?return_to=https%3A%2F%2Fapi.example.com%2Fv1%2Fme"
LOGIN_BODY = '<!doctype html><html><head><title>Sign in</title></head><body><form method="post" action="/login"><input name="email"><input name="password" type="password"><button>Sign in</button></form></body></html>'
CASES["login-redirect"] = dict(
    url=API + "/v1/me", method="GET", acrh=None, credentials="include",
    app_headers=[], page=APP + "/dashboard", t0="2026-11-17T18:03", ip="104.18.22.140", cert="api.example.com",
    preflight=None,
    redirects=[{"status": 302, "location": LOGIN, "headers": [
        ("date", "Tue, 17 Nov 2026 18:03:27 GMT"), ("content-type", "text/html; charset=utf-8"), ("content-length", "95"),
        ("location", LOGIN), ("x-powered-by", "Express"), ("access-control-allow-origin", APP),
        ("access-control-allow-credentials", "true"), ("vary", "Origin")],
        "body": '<p>Found. Redirecting to <a href="' + LOGIN + '">' + LOGIN + '</a></p>'}],
    actual={"status": 200, "headers": [("date", "Tue, 17 Nov 2026 18:03:27 GMT"), ("content-type", "text/html; charset=utf-8"),
                                       ("content-length", str(len(LOGIN_BODY))), ("cache-control", "no-store"),
                                       ("x-frame-options", "DENY")], "body": LOGIN_BODY},
    chrome=["Access to fetch at '" + LOGIN + "' (redirected from '{url}') from origin '{app}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
            "index-7c1e2f.js:1  GET " + LOGIN + " net::ERR_FAILED 200 (OK)"],
    firefox="Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at " + LOGIN + ". (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.",
    curl="actual", curl_follow=True, copies=True)


def fill(s, c):
    return s.replace("{url}", c["url"]).replace("{app}", APP)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def console_chrome(c):
    lines = [fill(l, c) for l in c["chrome"]]
    if lines:
        lines.append("Uncaught (in promise) TypeError: Failed to fetch")
        lines.append("    at request (index-7c1e2f.js:1:48213)")
        lines.append("    at async load (index-7c1e2f.js:1:51877)")
    return "\n".join(lines) + "\n"


def console_firefox(c):
    return fill(c["firefox"], c) + "\n"


def replay_har(c):
    blocked = {
        "_resourceType": "fetch", "_initiator": APP + "/assets/index-7c1e2f.js",
        "request": {"method": c["method"], "url": c["url"], "httpVersion": "",
                    "headers": hv(provisional_headers(c["app_headers"], c.get("page", APP + "/"))),
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len(c["post"][1]) if c.get("post") else 0},
        "response": {"status": 0, "statusText": "", "httpVersion": "", "headers": [], "cookies": [],
                     "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1,
                     "bodySize": -1, "_error": "net::ERR_FAILED"},
        "startedDateTime": c["t0"] + ":07.417Z", "time": 63.2, "timings": {"blocked": 63.2, "dns": -1, "ssl": -1, "connect": -1, "send": 0, "wait": 0, "receive": 0},
        "pageref": "page_1",
    }
    if c.get("post"):
        blocked["request"]["postData"] = {"mimeType": c["post"][0], "text": c["post"][1]}

    def rr(r):
        out = {"status": r["status"], "statusText": REASONS.get(r["status"], ""), "httpVersion": "HTTP/2",
               "headers": hv(r["headers"])}
        if r.get("body"):
            out["content"] = {"size": len(r["body"]), "mimeType": "application/json", "encoding": "base64",
                              "text": base64.b64encode(r["body"].encode()).decode()}
        return out
    blocked["_whycors"] = {"replay": {"at": c["t0"] + ":09.050Z", "preflight": rr(c["preflight"]), "response": rr(c["actual"])}}
    return {"log": {"version": "1.2", "creator": {"name": "whycors DevTools panel", "version": "0.1.0"},
                    "pages": [{"startedDateTime": c["t0"] + ":01.102Z", "id": "page_1", "title": c.get("page", APP + "/"), "pageTimings": {}}],
                    "entries": [blocked]}}


def main():
    for name, c in CASES.items():
        d = os.path.join(HERE, name)
        os.makedirs(d, exist_ok=True)
        flavours = [("", c)] + [("-" + k, {**c, **v}) for k, v in c.get("variants", {}).items()]
        for suffix, cc in flavours:
            write_har(os.path.join(d, f"capture{suffix}.har"), cc, chrome_har(cc))
            write(os.path.join(d, f"headers{suffix}.txt"), devtools_headers(cc))
            write(os.path.join(d, f"devtools-copy{suffix}.txt"), devtools_copy(cc))
            write(os.path.join(d, f"curl-v{suffix}.txt"), curl_v(cc, cc["curl"]))
            if cc["chrome"]:
                write(os.path.join(d, f"console-chrome{suffix}.txt"), console_chrome(cc))
            if cc.get("firefox"):
                write(os.path.join(d, f"console-firefox{suffix}.txt"), console_firefox(cc))
        if c.get("copies"):
            write(os.path.join(d, "copy-as-curl.txt"), copy_as_curl(c))
            write(os.path.join(d, "copy-as-fetch.txt"), copy_as_fetch(c))
        if name == "rest-throttled-429":
            with open(os.path.join(d, "replay.har"), "w") as f:
                json.dump(replay_har(c), f, indent=2)
                f.write("\n")


if __name__ == "__main__":
    main()
