"""A small LSP client for the tests: starts `leadc lsp`, frames JSON-RPC messages
(Content-Length headers) on its stdin, and reads replies and notifications from its
stdout on a thread, so a test can wait for one message with a time limit."""
import json
import os
import queue
import subprocess
import threading
import time


def uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


class Client:
    def __init__(self, leadc, *args):
        self.proc = subprocess.Popen([leadc, "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.next_id = 1
        self.pending = []  # messages read while waiting for another one
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.decode().rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    def wait_for(self, pred, timeout=30):
        """The first message (already read or arriving within TIMEOUT s) for which
        PRED holds; the others stay queued. None on timeout or end of output."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            if m is None:
                return None
            if pred(m):
                return m
            self.pending.append(m)

    def response(self, rid, timeout=30):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def request(self, method, params=None, timeout=30):
        """The whole reply: {"result": …} or {"error": …}."""
        return self.response(self.request_async(method, params), timeout)

    def diagnostics(self, doc_uri, version=None, timeout=30):
        def pred(m):
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != doc_uri:
                return False
            return version is None or m["params"].get("version") == version
        m = self.wait_for(pred, timeout)
        return None if m is None else m["params"]

    def drop_published(self, doc_uri):
        """Forgets the diagnostics already received for DOC_URI."""
        self.pending = [m for m in self.pending if not (m.get("method") == "textDocument/publishDiagnostics"
                                                         and m["params"]["uri"] == doc_uri)]

    def initialize(self, root):
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": uri(root), "capabilities": {}})
        self.notify("initialized", {})
        return r

    def open(self, path, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "lead",
                                                             "version": version, "text": text}})
        return uri(path)

    def change(self, doc_uri, text, version):
        self.notify("textDocument/didChange", {"textDocument": {"uri": doc_uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def close(self):
        self.proc.stdin.close()
        return self.proc.wait(timeout=30)
