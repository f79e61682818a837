#!/usr/bin/env python3
"""micro.srv.greeter.py: a greeter in Python (standard library only) that joins micro through the sidecar.

It serves calls in the HTTP transport's wire format (POST / with Micro-Service and Micro-Endpoint
headers, a JSON body, a JSON reply or a JSON error with its code as the HTTP status), answers
GET /health, registers itself through the sidecar's /registry (and deregisters on SIGTERM), calls
the Java greeter through the sidecar's /rpc, and subscribes to a topic through the sidecar's /broker
WebSocket. See README.md next to this file.
"""

import argparse
import base64
import json
import os
import signal
import socket
import struct
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE = "micro.srv.greeter.py"
received = []  # messages that came through the /broker WebSocket, newest last
received_lock = threading.Lock()


def sidecar_call(sidecar, method, path, body=None):
    """One request to the sidecar; the decoded JSON reply (or the JSON error, with its status)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(sidecar + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def service_json(node_id, address):
    """This app as go-micro's service JSON: its node and its endpoints' request and response shapes."""
    def message(name, *fields):
        return {"name": name, "type": name, "values": [{"name": f, "type": "string"} for f in fields]}
    return {
        "name": SERVICE, "version": "latest",
        "endpoints": [
            {"name": "Say.Hello", "request": message("Request", "name"), "response": message("Response", "msg")},
            {"name": "Say.Relay", "request": message("Request", "name"), "response": message("Response", "java")},
            {"name": "Say.Received", "request": message("Request"), "response": message("Response", "messages")},
        ],
        "nodes": [{"id": node_id, "address": address, "metadata": {"transport": "http", "language": "python"}}],
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as micro's HTTP transport expects

    def log_message(self, fmt, *args):  # quiet: one line per call would drown the host's log
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, detail):
        self.reply(status, {"id": SERVICE, "code": status, "detail": detail,
                            "status": "Not Found" if status == 404 else "Bad Request"})

    def do_GET(self):
        if self.path == "/health":
            self.reply(200, {"status": "ok"})
        else:
            self.error(404, "GET /health only; calls are POST / with Micro-Service and Micro-Endpoint")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError as error:
            return self.error(400, "the request is not JSON: %s" % error)
        endpoint = self.headers.get("Micro-Endpoint", "")
        if endpoint == "Say.Hello":
            return self.reply(200, {"msg": "Hello %s from Python" % request.get("name", "")})
        if endpoint == "Say.Relay":
            status, java = sidecar_call(self.server.sidecar, "POST", "/rpc", {
                "service": "micro.srv.greeter", "endpoint": "Say.Hello", "request": {"name": request.get("name", "")}})
            return self.reply(200 if status == 200 else 502, {"java": java})
        if endpoint == "Say.Received":
            with received_lock:
                return self.reply(200, {"messages": list(received)})
        if endpoint == "Debug.Health":
            return self.reply(200, {"status": "ok"})
        self.error(404, "unknown endpoint %s of %s" % (endpoint, SERVICE))


class WebSocket:
    """A WebSocket client of text messages, enough for the sidecar's /broker (RFC 6455, client frames masked)."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=None)
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + ("?" + parts.query if parts.query else "")
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           % (path, parts.hostname, parts.port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("the sidecar closed the WebSocket handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("the sidecar refused the WebSocket: " + head.decode(errors="replace"))

    def _read(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("the WebSocket closed")
            data += chunk
        return data

    def send(self, text, opcode=0x1):
        payload = text.encode() if isinstance(text, str) else text
        mask = os.urandom(4)
        size = len(payload)
        header = bytes([0x80 | opcode])
        if size < 126:
            header += bytes([0x80 | size])
        elif size < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", size)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", size)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def receive(self):
        """The next text message; None when the socket closed."""
        message = b""
        while True:
            first, second = self._read(2)
            size = second & 0x7F
            if size == 126:
                size = struct.unpack("!H", self._read(2))[0]
            elif size == 127:
                size = struct.unpack("!Q", self._read(8))[0]
            payload = self._read(size)
            opcode = first & 0x0F
            if opcode == 0x8:
                return None
            if opcode == 0x9:
                self.send(payload, opcode=0xA)  # pong
                continue
            if opcode in (0x0, 0x1):
                message += payload
                if first & 0x80:
                    return message.decode()


def subscribe(sidecar, topic, greeting):
    """Receives the topic's messages through the sidecar, after sending one of its own on it."""
    socket_url = sidecar.replace("http://", "ws://") + "/broker?topic=" + urllib.parse.quote(topic)
    for attempt in range(60):  # the sidecar may still be starting
        try:
            ws = WebSocket(socket_url)
            break
        except OSError:
            threading.Event().wait(0.5)
    else:
        print("cannot subscribe to %s through %s" % (topic, sidecar), file=sys.stderr, flush=True)
        return
    if greeting:
        ws.send(json.dumps({"name": greeting, "from": SERVICE}))
    while True:
        text = ws.receive()
        if text is None:
            return
        with received_lock:
            received.append(json.loads(text))
            del received[:-100]


def main():
    parser = argparse.ArgumentParser(description="micro.srv.greeter.py: a Python greeter behind the micro sidecar")
    parser.add_argument("--port", type=int, default=9000, help="port the app serves calls on (127.0.0.1)")
    parser.add_argument("--sidecar", default="http://127.0.0.1:8081", help="the sidecar's URL")
    parser.add_argument("--register", action="store_true",
                        help="register through the sidecar's /registry (else the sidecar's --server_name/--app does)")
    parser.add_argument("--subscribe", metavar="TOPIC", help="receive TOPIC's messages through the sidecar's /broker")
    parser.add_argument("--greet", metavar="NAME", help="with --subscribe: first send {\"name\": NAME} on the topic")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.sidecar = args.sidecar
    address = "127.0.0.1:%d" % server.server_address[1]
    service = service_json("%s-%s" % (SERVICE, uuid.uuid4()), address)

    def stop(signum, frame):
        if args.register:
            sidecar_call(args.sidecar, "DELETE", "/registry", service)
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    if args.register:
        status, answer = sidecar_call(args.sidecar, "POST", "/registry", service)
        if status != 200:
            sys.exit("cannot register through the sidecar at %s: %s" % (args.sidecar, answer))
    if args.subscribe:
        threading.Thread(target=subscribe, args=(args.sidecar, args.subscribe, args.greet), daemon=True).start()
    print("%s serving on %s (sidecar %s)" % (SERVICE, address, args.sidecar), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
