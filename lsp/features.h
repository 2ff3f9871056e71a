// The requests the server answers, one file each. Each takes the request's params
// and returns its result; a failure the client should see is thrown as RequestError.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "lsp/workspace.h"

namespace leadc::lsp {

using json = nlohmann::json;

// JSON-RPC / LSP error codes.
enum ErrorCode {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
  kRequestCancelled = -32800,
};

struct RequestError : std::runtime_error {
  RequestError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;
};

// The document a request names (`params.textDocument.uri`); RequestError when it is
// not open.
Document& document_of(Workspace& ws, const json& params);

// diagnostics.cpp: `textDocument/publishDiagnostics` params for an analysis.
// DOCS_URL is where docs/diagnostics.md is (each code links to its entry).
json publish_params(const Document& doc, const Analysis& a, const std::string& docs_url);

json hover(Workspace& ws, const json& params);                  // hover.cpp
json definition(Workspace& ws, const json& params);             // navigation.cpp
json references(Workspace& ws, const json& params);             // navigation.cpp
json formatting(Workspace& ws, const json& params);             // formatting.cpp
json document_symbols(Workspace& ws, const json& params);       // document_symbols.cpp
json completion(Workspace& ws, const json& params);             // completion.cpp
json rename(Workspace& ws, const json& params);                 // rename.cpp
json semantic_tokens(Workspace& ws, const json& params);        // semantic_tokens.cpp
json semantic_token_legend();                                   // semantic_tokens.cpp
json code_actions(Workspace& ws, const json& params);           // code_actions.cpp

}  // namespace leadc::lsp
