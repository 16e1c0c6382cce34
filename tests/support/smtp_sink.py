"""A real SMTP server on loopback for the password reset tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py PORT DIR [CERT KEY]

With CERT and KEY (PEM files) it offers STARTTLS with that certificate and refuses mail from a
client that did not start TLS (require_starttls).

Every message it accepts is written to DIR as N.eml (the bytes of DATA exactly as received,
after SMTP's dot-unstuffing) beside N.json ({"mail_from": ..., "rcpt_tos": [...]}, the
envelope, and "tls": whether the session was encrypted), the .json last, so a reader that sees it finds the message whole. Prints
"listening on 127.0.0.1:PORT" once it accepts connections and stops on SIGTERM or SIGINT.
"""

import itertools
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        base = os.path.join(self.directory, f"{number:04d}")
        with open(base + ".eml", "wb") as raw:
            raw.write(envelope.original_content)
        with open(base + ".json.part", "w", encoding="utf-8") as meta:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "tls": session.ssl is not None}, meta)
        os.rename(base + ".json.part", base + ".json")
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    directory = sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    tls = {}
    if len(sys.argv) > 4:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[3], sys.argv[4])
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port, **tls)
    controller.start()
    print(f"listening on 127.0.0.1:{port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
