#include "lsp/server.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "lsp/features.h"
#include "lsp/positions.h"
#include "lsp/transport.h"

namespace leadc::lsp {

Document& document_of(Workspace& ws, const json& params) {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  Document* doc = ws.find(uri);
  if (!doc) throw RequestError(kInvalidParams, "the document is not open: " + uri);
  return *doc;
}

namespace {

// Messages read by the reader thread, taken by the main loop. The reader runs ahead
// so that the main loop can see whether more changes are waiting before it checks,
// and notes each `$/cancelRequest` as it reads it, so that a request still waiting
// when its cancellation arrives is answered RequestCancelled instead of being run.
class Inbox {
 public:
  void cancel(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_.insert(id);
  }
  // True (once) when the request with ID was cancelled.
  bool take_cancelled(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return cancelled_.erase(id) > 0;
  }
  void push(std::optional<Frame> f) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(f));
    }
    cv_.notify_one();
  }
  // Waits at most TIMEOUT (forever when negative). Returns false on timeout; `out` is
  // nullopt at the end of input.
  bool pop(std::optional<Frame>& out, int timeout_ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto ready = [&] { return !items_.empty(); };
    if (timeout_ms < 0) cv_.wait(lock, ready);
    else if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), ready)) return false;
    out = std::move(items_.front());
    items_.pop_front();
    return true;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::optional<Frame>> items_;
  std::set<std::string> cancelled_;  // ids (as JSON text) of requests cancelled, not yet answered
};

// The id a `$/cancelRequest` frame names, as JSON text, or "" for any other frame. Most
// frames are not one and are not parsed here.
std::string cancelled_id(const Frame& f) {
  if (f.body.find("$/cancelRequest") == std::string::npos) return "";
  json msg = json::parse(f.body, nullptr, false);
  if (!msg.is_object() || msg.value("method", "") != "$/cancelRequest" || !msg.contains("params") ||
      !msg["params"].is_object() || !msg["params"].contains("id"))
    return "";
  return msg["params"]["id"].dump();
}

class Server {
 public:
  Server(std::FILE* out, const ServerOptions& opts) : writer_(out), opts_(opts), inbox_(std::make_shared<Inbox>()) {
    ws_.solver_timeout_ms = opts.solver_timeout_ms;
    requests_ = {
        {"initialize", [this](const json& p) { return initialize(p); }},
        {"shutdown", [this](const json&) { shutdown_ = true; return json(nullptr); }},
        {"textDocument/hover", [this](const json& p) { return hover(ws_, p); }},
        {"textDocument/definition", [this](const json& p) { return definition(ws_, p); }},
        {"textDocument/references", [this](const json& p) { return references(ws_, p); }},
        {"textDocument/formatting", [this](const json& p) { return formatting(ws_, p); }},
        {"textDocument/documentSymbol", [this](const json& p) { return document_symbols(ws_, p); }},
        {"textDocument/completion", [this](const json& p) { return completion(ws_, p); }},
        {"textDocument/rename", [this](const json& p) { return rename(ws_, p); }},
        {"textDocument/semanticTokens/full", [this](const json& p) { return semantic_tokens(ws_, p); }},
        {"textDocument/codeAction", [this](const json& p) { return code_actions(ws_, p); }},
    };
    notifications_ = {
        {"initialized", [](const json&) {}},
        {"textDocument/didOpen", [this](const json& p) { did_open(p); }},
        {"textDocument/didChange", [this](const json& p) { did_change(p); }},
        {"textDocument/didClose", [this](const json& p) { did_close(p); }},
        {"$/cancelRequest", [](const json&) {}},  // noted by the reader thread (Inbox::cancel)
        {"$/setTrace", [](const json&) {}},
    };
  }

  int run(std::FILE* in) {
    // Shared with the reader, which may outlive this loop: it can be blocked in a read
    // when `exit` arrives, and is detached rather than joined.
    std::shared_ptr<Inbox> inbox = inbox_;
    std::thread reader([in, inbox] {
      for (;;) {
        auto f = read_frame(in);
        bool end = !f;
        if (f)
          if (std::string id = cancelled_id(*f); !id.empty()) inbox->cancel(id);
        inbox->push(std::move(f));
        if (end) return;
      }
    });
    reader.detach();
    for (;;) {
      std::optional<Frame> frame;
      if (!inbox->pop(frame, any_dirty() ? opts_.debounce_ms : -1)) {
        check_dirty();  // nothing arrived for debounce_ms: check the latest versions
        continue;
      }
      if (!frame) return shutdown_ ? 0 : 1;  // the client closed the stream
      handle(*frame);
      if (exit_) return shutdown_ ? 0 : 1;
    }
  }

 private:
  void send(const json& msg) { writer_.write(msg.dump(-1, ' ', false, json::error_handler_t::replace)); }
  void respond(const json& id, json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
  void respond_error(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void log(const std::string& message) { notify("window/logMessage", {{"type", 1}, {"message", message}}); }

  void handle(const Frame& frame) {
    if (!frame.error.empty()) {
      respond_error(nullptr, kParseError, frame.error);
      return;
    }
    json msg = json::parse(frame.body, nullptr, false);
    if (msg.is_discarded()) {
      respond_error(nullptr, kParseError, "the message is not JSON");
      return;
    }
    if (!msg.is_object()) {
      respond_error(nullptr, kInvalidRequest, "a message must be a JSON object");
      return;
    }
    bool is_request = msg.contains("id");
    json id = is_request ? msg["id"] : json(nullptr);
    if (!msg.contains("method")) {
      if (is_request && (msg.contains("result") || msg.contains("error"))) return;  // a reply to us: none expected
      respond_error(id, kInvalidRequest, "a request needs a `method`");
      return;
    }
    if (!msg["method"].is_string() || (is_request && !id.is_string() && !id.is_number_integer())) {
      respond_error(is_request && (id.is_string() || id.is_number_integer()) ? id : json(nullptr), kInvalidRequest,
                    "`method` must be a string and `id` a number or a string");
      return;
    }
    std::string method = msg["method"];
    json params = msg.contains("params") ? msg["params"] : json::object();
    if (method == "exit") {
      exit_ = true;
      return;
    }
    if (!initialized_ && method != "initialize") {
      if (is_request) respond_error(id, kServerNotInitialized, "the server has not been initialized");
      return;
    }
    if (shutdown_) {
      if (is_request) respond_error(id, kInvalidRequest, "the server is shutting down; only `exit` is accepted");
      return;
    }
    if (!is_request) {
      auto it = notifications_.find(method);
      if (it == notifications_.end()) return;  // unknown notifications are ignored (LSP §3.17 "$/" rule, generalised)
      try {
        it->second(params);
      } catch (const std::exception& e) {
        log("leadc lsp: `" + method + "` failed: " + e.what());
      }
      return;
    }
    if (inbox_->take_cancelled(id.dump())) {
      respond_error(id, kRequestCancelled, "`" + method + "` was cancelled before it ran");
      return;
    }
    auto it = requests_.find(method);
    if (it == requests_.end()) {
      respond_error(id, kMethodNotFound, "leadc lsp does not implement `" + method + "`");
      return;
    }
    // A failure inside one request becomes its error reply; the server keeps serving.
    try {
      respond(id, it->second(params));
    } catch (const RequestError& e) {
      respond_error(id, e.code, e.what());
    } catch (const json::exception& e) {
      respond_error(id, kInvalidParams, std::string("invalid params of `") + method + "`: " + e.what());
    } catch (const std::exception& e) {
      respond_error(id, kInternalError, std::string("`") + method + "` failed: " + e.what());
    }
  }

  json initialize(const json&) {
    initialized_ = true;
    return {{"capabilities",
             {{"positionEncoding", "utf-16"},
              {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"documentFormattingProvider", true},
              {"documentSymbolProvider", true},
              {"completionProvider", {{"triggerCharacters", {" ", "[", ","}}}},
              {"renameProvider", true},
              {"semanticTokensProvider", {{"legend", semantic_token_legend()}, {"full", true}}},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
            {"serverInfo", {{"name", "leadc"}, {"version", "0.1.0"}}}};
  }

  void did_open(const json& p) {
    const json& td = p.at("textDocument");
    Document& doc = ws_.open(td.at("uri").get<std::string>(), td.at("text").get<std::string>(), td.value("version", 0));
    mark_importers_dirty(doc.canonical);
  }

  void did_change(const json& p) {
    Document& doc = document_of(ws_, p);
    for (const json& change : p.at("contentChanges")) {
      std::string text = change.at("text").get<std::string>();
      if (change.contains("range")) {  // an incremental change, although we ask for full text
        SourceFile f(doc.path, doc.text);
        uint32_t b = offset_of(f, change["range"].at("start")), e = offset_of(f, change["range"].at("end"));
        doc.text.replace(b, e > b ? e - b : 0, text);
      } else {
        doc.text = std::move(text);
      }
    }
    doc.version = p.at("textDocument").value("version", doc.version + 1);
    doc.dirty = true;
    mark_importers_dirty(doc.canonical);
  }

  void did_close(const json& p) {
    const std::string uri = p.at("textDocument").at("uri").get<std::string>();
    std::string canonical = ws_.find(uri) ? ws_.find(uri)->canonical : "";
    ws_.close(uri);
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    mark_importers_dirty(canonical);  // they read the file from the disk again
  }

  // A change to one file changes the findings of every open document that imports it.
  void mark_importers_dirty(const std::string& canonical) {
    for (auto& [uri, d] : ws_.documents())
      if (d.analysis && std::find(d.analysis->imports.begin(), d.analysis->imports.end(), canonical) != d.analysis->imports.end())
        d.dirty = true;
  }
  bool any_dirty() {
    for (auto& [uri, d] : ws_.documents())
      if (d.dirty) return true;
    return false;
  }

  // Checks each changed document at its latest version (older versions were never
  // started: the loop only gets here when no message has arrived for debounce_ms).
  void check_dirty() {
    for (auto& [uri, d] : ws_.documents()) {
      if (!d.dirty) continue;
      d.dirty = false;
      try {
        Workspace::store(d, ws_.compile(d, true));
        notify("textDocument/publishDiagnostics", publish_params(d, *d.analysis, opts_.docs_url));
      } catch (const std::exception& e) {
        log("leadc lsp: checking " + uri + " failed: " + e.what());
      }
    }
  }

  Writer writer_;
  ServerOptions opts_;
  std::shared_ptr<Inbox> inbox_;
  Workspace ws_;
  std::map<std::string, std::function<json(const json&)>> requests_;
  std::map<std::string, std::function<void(const json&)>> notifications_;
  bool initialized_ = false, shutdown_ = false, exit_ = false;
};

}  // namespace

int serve(std::FILE* in, std::FILE* out, const ServerOptions& opts) {
  Server server(out, opts);
  return server.run(in);
}

}  // namespace leadc::lsp
