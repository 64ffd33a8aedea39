"""Which proxy a request goes through: the `proxy` argument, or the environment as httpx reads it.

httpx reads proxies from the environment only when it builds its own transport. The SDK always
passes its retry transport, so it reads them itself, the way httpx does, and the client mounts a
retry transport around one `httpx.HTTPTransport(proxy=...)` per proxy (`httpx.Client(mounts=...)`):
httpx then matches each URL to its proxy exactly as it would for its own.

- `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY` (upper or lower case, read by
  `urllib.request.getproxies()`, which on macOS and Windows falls back to the system settings)
  name the proxy for each scheme; a value without a scheme is taken as `http://`.
- `NO_PROXY` lists what is reached directly: `*` for everything, `example.com` for it and its
  subdomains, `.example.com` for its subdomains only, IP addresses, `localhost`, or
  `scheme://host` patterns.
- A `proxy` argument serves every request and the environment is not read.

Unlike httpx, loopback hosts (`localhost`, `127.0.0.1`, `::1` and a loopback `base_url`) are always
reached directly, as Go's net/http does: a proxy on another machine cannot reach this one's
loopback, and a loopback `base_url` is allowed plain http only because its traffic never leaves
the machine. An https request goes through a proxy in a CONNECT tunnel, TLS from end to end: the
proxy sees the host name and port, never the token.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit
from urllib.request import getproxies

import httpx

from ._errors import ConfigurationError

Routes = dict[str, httpx.Proxy | None]
"""httpx mount patterns (`https://`, `all://*example.com`) mapped to a proxy, or None for direct."""

_LOOPBACK = ("localhost", "127.0.0.1", "::1")


def _address(entry: str, version: type[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> bool:
    try:
        version(entry.split("/")[0])
    except ValueError:
        return False
    return True


def _host_pattern(host: str) -> str:
    return f"all://[{host}]" if _address(host, ipaddress.IPv6Address) else f"all://{host}"


def _no_proxy_pattern(entry: str) -> str:
    # As httpx's own reading of NO_PROXY (after curl's CURLOPT_NOPROXY): "example.com" matches it
    # and its subdomains ("*example.com" in httpx's patterns), ".example.com" subdomains only.
    if "://" in entry:
        return entry
    if _address(entry, ipaddress.IPv4Address) or entry.lower() == "localhost":
        return f"all://{entry}"
    if _address(entry, ipaddress.IPv6Address):
        return f"all://[{entry}]"
    return f"all://*{entry}"


def shown(url: str) -> str:
    """`url` with any user name and password hidden, for messages."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]).geturl()


def _proxy(url: str | httpx.Proxy, source: str) -> httpx.Proxy:
    if isinstance(url, httpx.Proxy):
        return url
    try:
        return httpx.Proxy(url)
    except (ValueError, httpx.InvalidURL) as error:
        reason = str(error).replace(url, shown(url))
        raise ConfigurationError(
            f"{source} {shown(url)!r} is not a proxy URL httpx can use ({reason}); give "
            "http://host:port, https://host:port or socks5://host:port"
        ) from None


def environment_routes() -> Routes:
    """The proxies the environment names, as httpx would mount them (empty when there are none)."""
    found = getproxies()
    routes: Routes = {}
    proxies: dict[str, httpx.Proxy] = {}  # one Proxy (and so one pool) per distinct URL
    for scheme in ("http", "https", "all"):
        value = found.get(scheme)
        if value:
            url = value if "://" in value else f"http://{value}"
            if url not in proxies:
                proxies[url] = _proxy(url, f"{scheme.upper()}_PROXY")
            routes[f"{scheme}://"] = proxies[url]
    for entry in (each.strip() for each in found.get("no", "").split(",")):
        if entry == "*":
            return {}
        if entry:
            routes[_no_proxy_pattern(entry)] = None
    return routes


def proxy_routes(proxy: str | httpx.Proxy | None, trust_env: bool, loopback_hosts: Iterable[str] = ()) -> Routes:
    """Where each request goes: through `proxy`, through the environment's proxies, or direct.

    Args:
        proxy: A proxy for every request; None to read the environment (when `trust_env`).
        trust_env: Whether to read `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY`.
        loopback_hosts: Hosts of the client's own URLs that are loopback, reached directly too.

    Returns:
        httpx mount patterns mapped to a proxy or None (direct); empty when nothing is proxied.

    Raises:
        ConfigurationError: A proxy URL httpx cannot use (an unknown scheme, not a URL).
    """
    if proxy is not None:
        routes: Routes = {"all://": _proxy(proxy, "proxy")}
    elif trust_env:
        routes = environment_routes()
    else:
        routes = {}
    if any(route is not None for route in routes.values()):
        for host in (*_LOOPBACK, *loopback_hosts):
            routes[_host_pattern(host)] = None
    return routes
