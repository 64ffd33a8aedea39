"""Serve the fake API: `python -m betterstack.uptime.testing --port 8080 [--seed data.json]`."""

from __future__ import annotations

import argparse
import sys

from ._fake import DEFAULT_TOKEN, FakeUptime
from ._server import make_server


def main(argv: list[str] | None = None) -> int:
    """Run the server until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m betterstack.uptime.testing", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (0 picks a free one)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help=f"token to accept (default {DEFAULT_TOKEN})")
    parser.add_argument("--seed", help="JSON or YAML file of initial data")
    args = parser.parse_args(argv)
    fake = FakeUptime.from_file(args.seed, token=args.token) if args.seed else FakeUptime(token=args.token)
    server = make_server(fake, args.host, args.port)
    fake.base_url = f"http://{args.host}:{server.server_address[1]}"
    print(f"Fake Better Stack Uptime API on {fake.base_url} (token {args.token!r}); Ctrl-C stops it.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
