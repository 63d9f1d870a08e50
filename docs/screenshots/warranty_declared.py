"""Screenshot 05 of the README: a declared warranty, on the demo of ``scripts/run``.

    python3 docs/screenshots/warranty_declared.py [--url http://127.0.0.1:8069] [--db spoticar]

With ``scripts/run`` running (Odoo and its sandbox Centralisateur), as the salesperson ``vendeur``
in the French UI he works in: sells the demo's FE-260-RZ to Jean DUPONT (delivered in five days),
confirms the order, opens its warranty from the "Garantie" button, validates and declares it to the
sandbox, then photographs the warranty form at its declaration and contract numbers with headless
Chromium, 1280 x 800 pixels, as 01 to 04 were taken. ``--warranty ID`` photographs an existing
warranty instead (nothing is sold). Needs ``requests`` and ``websocket-client`` (the test tools).
"""

import argparse
import base64
import datetime
import json
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
from urllib.parse import urlparse
from xmlrpc.client import Fault, ServerProxy

import requests
import websocket

LOGIN = PASSWORD = "vendeur"
WIDTH, HEIGHT = 1280, 800
OUT = pathlib.Path(__file__).with_name("05-warranty-declared.png")


def declare_a_warranty(url, db, plate):
    """Sell the vehicle, open, validate and declare its warranty through the ORM, as vendeur."""
    uid = ServerProxy(f"{url}/xmlrpc/2/common").authenticate(db, LOGIN, PASSWORD, {})
    if not uid:
        raise SystemExit(f"cannot log in as {LOGIN} on {db} at {url}")
    models = ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        try:
            return models.execute_kw(db, uid, PASSWORD, model, method, list(args), kwargs)
        except Fault as error:
            raise SystemExit(f"{model}.{method}: {error.faultString}") from error

    vehicles = call(
        "product.template",
        "search_read",
        [("license_plate", "=", plate), ("vehicle_state", "=", "stock")],
        fields=["product_variant_id"],
        limit=1,
    )
    if not vehicles:
        raise SystemExit(f"{plate} is not in stock on {db} (already sold?): use --warranty")
    customer = call("res.partner", "search", [("lastname", "=", "DUPONT")], limit=1)
    today = datetime.date.today()
    order = call(
        "sale.order",
        "create",
        [
            {
                "partner_id": customer[0],
                "sale_date": str(today),
                "delivery_date": str(today + datetime.timedelta(days=5)),
                "payment_mode": "transfer",
                "order_line": [(0, 0, {"product_id": vehicles[0]["product_variant_id"][0]})],
            }
        ],
    )[0]
    call("sale.order", "action_confirm", [order])
    warranty = call("sale.order", "action_spoticar_warranty", [order])["res_id"]
    call("spoticar.warranty", "action_validate", [warranty])
    call("spoticar.warranty", "action_centralizer_declare", [warranty])
    state = call("spoticar.warranty", "read", [warranty], fields=["state"])[0]["state"]
    if state != "declared":
        raise SystemExit(f"warranty {warranty} is {state}, not declared (sandbox running?)")
    return warranty


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def photograph(url, db, warranty, out, chromium):
    session = requests.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": LOGIN, "password": PASSWORD}},
        timeout=30,
    )
    port = free_port()
    profile = tempfile.mkdtemp(prefix="spoticar-screenshot-")
    browser = subprocess.Popen(
        [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = None
        for _ in range(100):
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except (requests.RequestException, StopIteration):
                time.sleep(0.2)
        if page is None:
            raise SystemExit(f"{chromium} did not start")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        ids = iter(range(1, 1_000_000))

        def send(method, **params):
            message_id = next(ids)
            ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
            while True:
                message = json.loads(ws.recv())
                if message.get("id") == message_id:
                    return message.get("result", {})

        def evaluate(expression):
            result = send("Runtime.evaluate", expression=expression, returnByValue=True)
            return result.get("result", {}).get("value")

        send("Network.enable")
        send(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            domain=urlparse(url).hostname,
            path="/",
        )
        send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        send(
            "Page.navigate",
            url=f"{url}/odoo/action-spoticar_warranty.spoticar_warranty_action/{warranty}",
        )
        number = ".o_form_view .o_field_widget[name=declaration_number] span"
        for _ in range(150):
            if evaluate(f"!!document.querySelector('{number}')?.textContent"):
                break
            time.sleep(0.2)
        else:
            raise SystemExit("the warranty form did not show its declaration number")
        time.sleep(1.5)  # fonts and the chatter
        evaluate(f"document.querySelector('{number}').scrollIntoView({{block: 'center'}})")
        time.sleep(1)
        out.write_bytes(base64.b64decode(send("Page.captureScreenshot", format="png")["data"]))
        ws.close()
    finally:
        browser.terminate()
        browser.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="spoticar")
    parser.add_argument("--plate", default="FE-260-RZ", help="the demo vehicle to sell")
    parser.add_argument("--warranty", type=int, help="photograph this declared warranty")
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    warranty = args.warranty or declare_a_warranty(url, args.db, args.plate)
    photograph(url, args.db, warranty, args.out, args.chromium)
    print(f"warranty {warranty}: {args.out}")


if __name__ == "__main__":
    main()
