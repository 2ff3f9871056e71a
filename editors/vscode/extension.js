// Starts `leadc lsp` for .lead files and connects VS Code's language client to it
// over stdio. Everything the editor shows (diagnostics, hover, completion, …) comes
// from the server; this file only starts it.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("leadc");
  const command = config.get("path", "leadc");
  const args = ["lsp", "--solver-timeout", String(config.get("solverTimeoutMs", 2000))];
  const server = { command, args, transport: TransportKind.stdio };
  client = new LanguageClient("leadc", "leadc", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "lead" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
