// The VS Code extension: starts `java -jar server/hielements.jar lsp` through vscode-languageclient, ties the
// process-plugin setting to workspace trust, restarts a crashed server a few times, and shows the last check run in
// the status bar. The logic lives in java.ts, settings.ts, restarts.ts, summary.ts and tomlCompletion.ts.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { diagramPage, parseDiagram } from './diagram';
import { findJava, missingJavaMessage } from './java';
import { RestartBudget } from './restarts';
import { applyTrust, initializationOptions, RESTART_SETTINGS, SettingGetter } from './settings';
import { parseSummary, statusView } from './summary';
import { completeToml } from './tomlCompletion';

/** The server's commands (the client registers them itself from the server's capabilities). */
const SERVER_RUN_CHECKS = 'hielements.runChecks';
// the "Show diagram" code lens: the server answers { svg }, shown beside the editor
const SERVER_SHOW_DIAGRAM = 'hielements.showDiagram';
const SERVER_RELOAD_LIBRARIES = 'hielements.reloadLibraries';

let extension: HielementsExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new HielementsExtension(context);
  await extension.activate();
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}

class HielementsExtension {
  private readonly output = vscode.window.createOutputChannel('Hielements');
  private readonly status = vscode.window.createStatusBarItem('hielements.status', vscode.StatusBarAlignment.Left, 10);
  private readonly budget = new RestartBudget();
  private client: LanguageClient | undefined;
  private stopping = false;
  /** Set between a crash and the automatic start that follows it. */
  private restarting = false;
  /** Only the newest check run the client asked for (or saw) updates the status bar. */
  private runSequence = 0;
  private readonly saveTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly context: vscode.ExtensionContext) {}

  async activate(): Promise<void> {
    const ctx = this.context;
    this.status.name = 'Hielements';
    this.status.command = 'workbench.actions.view.problems';
    ctx.subscriptions.push(this.output, this.status);
    ctx.subscriptions.push(
      vscode.commands.registerCommand('hielements.checkFile', (uri?: vscode.Uri) => this.checkFile(uri)),
      vscode.commands.registerCommand('hielements.checkWorkspace', () => this.runChecks(undefined)),
      vscode.commands.registerCommand('hielements.reload', () => this.reloadLibraries()),
      vscode.commands.registerCommand('hielements.restartServer', () => this.restart()),
      vscode.commands.registerCommand('hielements.showOutput', () => this.output.show(true)),
      vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.trustGranted()),
      vscode.workspace.onDidSaveTextDocument((d) => this.saved(d)),
      vscode.languages.registerCompletionItemProvider({ scheme: 'file', pattern: '**/hielements.toml' },
        { provideCompletionItems: (doc, pos) => tomlCompletions(doc, pos) }, '[', '"', '{', ','),
    );
    this.log(`Hielements ${ctx.extension.packageJSON.version} in VS Code ${vscode.version}; workspace `
      + (vscode.workspace.isTrusted ? 'trusted: process plugins may start' : 'not trusted: process plugins never start, WASM plugins run'));
    await this.start();
  }

  private log(line: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${line}`);
  }

  private get settings(): SettingGetter {
    const cfg = vscode.workspace.getConfiguration('hielements');
    return (key) => cfg.get(key);
  }

  private showStatus(text: string, tooltip: string, error = false): void {
    this.status.text = text;
    this.status.tooltip = tooltip;
    this.status.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.status.show();
  }

  // ------------------------------------------------------------------------------------------- the server

  private async start(): Promise<void> {
    this.showStatus('$(sync~spin) Hielements: starting', 'The Hielements language server is starting');
    const cfg = vscode.workspace.getConfiguration('hielements');
    const lookup = await findJava({ javaHome: cfg.get<string>('java.home'), env: process.env });
    if (!lookup.ok) {
      const message = missingJavaMessage(lookup);
      this.log(message);
      this.showStatus('$(error) Hielements: no Java', message, true);
      void vscode.window.showErrorMessage(message, 'Open settings', 'Show output').then((choice) => {
        // a setting of machine scope is edited, in a remote window, in the remote machine's settings
        if (choice === 'Open settings') {
          if (vscode.env.remoteName) void vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query: 'hielements.java.home' });
          else void vscode.commands.executeCommand('workbench.action.openSettings', 'hielements.java.home');
        }
        if (choice === 'Show output') this.output.show(true);
      });
      return;
    }
    this.log(`Java ${lookup.version} (from ${lookup.source}): ${lookup.executable}`);
    const jar = this.context.asAbsolutePath(path.join('server', 'hielements.jar'));
    if (!fs.existsSync(jar)) {
      const message = `The Hielements server (${jar}) is missing from the extension: install the .vsix again.`;
      this.log(message);
      this.showStatus('$(error) Hielements: no server', message, true);
      void vscode.window.showErrorMessage(message);
      return;
    }
    const jvmArgs = (cfg.get<unknown[]>('server.jvmArgs') ?? []).filter((a): a is string => typeof a === 'string');
    const serverOptions: ServerOptions = {
      command: lookup.executable,
      args: [...jvmArgs, '-jar', jar, 'lsp'],
      transport: TransportKind.stdio,
      options: { env: process.env },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'hielements' },
        { scheme: 'file', pattern: '**/hielements.toml' },
      ],
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: initializationOptions(this.settings, vscode.workspace.isTrusted),
      errorHandler: this.errorHandler(),
      middleware: {
        workspace: {
          // VS Code answers with the settings as written; trust decides whether a process plugin may start
          configuration: async (params, token, next) => {
            const values = await next(params, token);
            if (values instanceof ResponseError) return values;
            return applyTrust(params.items.map((i) => i.section), values, this.settings, vscode.workspace.isTrusted);
          },
        },
        executeCommand: async (command, args, next) => {
          const sequence = command === SERVER_RUN_CHECKS ? ++this.runSequence : 0;
          if (sequence > 0) this.showStatus('$(sync~spin) Hielements: running checks', 'Checks are running');
          const result = await next(command, args);
          if (sequence > 0 && sequence === this.runSequence) this.showRun(result, args);
          if (command === SERVER_SHOW_DIAGRAM) this.showDiagram(result, args);
          return result;
        },
      },
    };
    const client = new LanguageClient('hielements', 'Hielements', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (client !== this.client) return;
      if (e.newState === State.Running && this.restarting) {
        // started again after a crash: show the checks again
        this.restarting = false;
        this.log('the server is running again');
        this.showStatus('$(check) Hielements', 'The language server is running; no check run yet');
        void this.firstRun();
      } else if (e.newState === State.Stopped && !this.stopping && !this.restarting) {
        this.showStatus('$(debug-stop) Hielements: stopped', 'The language server is not running: run "Hielements: Restart server"', true);
      }
    });
    try {
      await client.start();
    } catch (e) {
      this.log(`the server did not start: ${(e as Error).message}`);
      this.showStatus('$(error) Hielements: not running', `The language server did not start: ${(e as Error).message}`, true);
      return;
    }
    this.showStatus('$(check) Hielements', 'The language server is running; no check run yet');
    void this.firstRun();
  }

  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        if (this.stopping) return { action: CloseAction.DoNotRestart, handled: true };
        if (this.budget.crashed()) {
          this.log(`the server stopped unexpectedly; starting it again (${this.budget.describe()})`);
          this.restarting = true;
          this.showStatus('$(sync~spin) Hielements: restarting', 'The language server stopped and is starting again');
          return { action: CloseAction.Restart, handled: true };
        }
        const message = `The Hielements server stopped and will not be started again: ${this.budget.describe()}. `
          + 'See the output ("Hielements: Show output"), then run "Hielements: Restart server".';
        this.log(message);
        this.showStatus('$(error) Hielements: crashed', message, true);
        return { action: CloseAction.DoNotRestart, message };
      },
    };
  }

  async stop(): Promise<void> {
    for (const t of this.saveTimers.values()) clearTimeout(t);
    this.saveTimers.clear();
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.stopping = true;
    try {
      if (client.isRunning()) await client.stop(3000);
    } catch (e) {
      this.log(`stopping the server: ${(e as Error).message}`);
    } finally {
      this.stopping = false;
    }
  }

  private async restart(): Promise<void> {
    this.log('restart asked');
    await this.stop();
    this.budget.reset();
    await this.start();
  }

  private running(): LanguageClient | undefined {
    const c = this.client;
    if (c && c.state === State.Running) return c;
    void vscode.window.showWarningMessage('The Hielements language server is not running.', 'Restart server', 'Show output')
      .then((choice) => {
        if (choice === 'Restart server') void this.restart();
        if (choice === 'Show output') this.output.show(true);
      });
    return undefined;
  }

  // ------------------------------------------------------------------------------------------- check runs

  /** At start: the whole workspace's checks, so that the status bar and the Problems view show every file. */
  private async firstRun(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.hie', '**/node_modules/**', 1);
    if (files.length > 0 && this.client?.state === State.Running) await this.runChecks(undefined, true);
  }

  private async checkFile(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || !target.fsPath.endsWith('.hie')) {
      void vscode.window.showWarningMessage('Open a .hie file to run its checks.');
      return;
    }
    // the server runs the checks of open documents: open it (without showing it) when run from the explorer
    await vscode.workspace.openTextDocument(target);
    await this.runChecks(target);
  }

  /** Runs the checks of a document (or of the workspace) through the server's command. */
  /** Shows the diagram the server answered for a "Show diagram" lens in a webview beside the editor. */
  private showDiagram(result: unknown, args: unknown[]): void {
    const svg = parseDiagram(result);
    if (svg === undefined) {
      this.log('the server answered no diagram');
      return;
    }
    const element = typeof args[1] === 'string' ? args[1] : 'workspace';
    const title = `Hielements: ${element}`;
    const panel = vscode.window.createWebviewPanel('hielements.diagram', title, vscode.ViewColumn.Beside,
      { enableScripts: false });
    panel.webview.html = diagramPage(svg, title);
  }

  private async runChecks(uri: vscode.Uri | undefined, quiet = false): Promise<void> {
    const client = quiet ? this.client : this.running();
    if (!client || client.state !== State.Running) return;
    const args = uri ? [client.code2ProtocolConverter.asUri(uri)] : [];
    try {
      await vscode.commands.executeCommand(SERVER_RUN_CHECKS, ...args);
    } catch (e) {
      this.log(`running checks failed: ${(e as Error).message}`);
      if (!quiet) void vscode.window.showErrorMessage(`Hielements: running checks failed: ${(e as Error).message}`);
    }
  }

  private showRun(result: unknown, args: unknown[]): void {
    const summary = parseSummary(result);
    if (!summary) return;
    const target = typeof args[0] === 'string' ? path.basename(vscode.Uri.parse(args[0]).fsPath) : 'workspace';
    const view = statusView(summary, target);
    this.showStatus(view.text, view.tooltip, false);
    this.log(`checks (${target}): ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors`
      + (summary.cancelled ? ' (cancelled)' : ''));
  }

  /** After a save the server runs that file's checks; asking for the run here also shows its summary. */
  private saved(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'hielements' || doc.uri.scheme !== 'file') return;
    const key = doc.uri.toString();
    clearTimeout(this.saveTimers.get(key));
    this.saveTimers.set(key, setTimeout(() => {
      this.saveTimers.delete(key);
      void this.runChecks(doc.uri, true);
    }, 300));
  }

  private async reloadLibraries(): Promise<void> {
    const client = this.running();
    if (!client) return;
    try {
      await vscode.commands.executeCommand(SERVER_RELOAD_LIBRARIES);
      this.log('libraries reloaded');
      void vscode.window.setStatusBarMessage('Hielements: libraries reloaded', 3000);
    } catch (e) {
      void vscode.window.showErrorMessage(`Hielements: reloading libraries failed: ${(e as Error).message}`);
    }
  }

  // ------------------------------------------------------------------------------------------- settings, trust

  private sendSettings(): void {
    const client = this.client;
    if (!client || client.state !== State.Running) return;
    void client.sendNotification(DidChangeConfigurationNotification.type,
      { settings: initializationOptions(this.settings, vscode.workspace.isTrusted) });
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
      this.log('a setting the server starts with changed: restarting it');
      void this.restart();
    } else if (e.affectsConfiguration('hielements')) {
      this.sendSettings();
    }
  }

  private trustGranted(): void {
    this.log('the workspace is now trusted: process plugins may start');
    this.sendSettings();
    void this.runChecks(undefined, true);
  }
}

function tomlCompletions(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] {
  const word = doc.getWordRangeAtPosition(pos, /[A-Za-z0-9_.-]+/);
  return completeToml(doc.getText(), pos.line, pos.character).map((item) => {
    const kind = item.kind === 'key' ? vscode.CompletionItemKind.Property
      : item.kind === 'value' ? vscode.CompletionItemKind.Value : vscode.CompletionItemKind.Module;
    const c = new vscode.CompletionItem(item.label, kind);
    c.insertText = new vscode.SnippetString(item.insertText);
    c.detail = item.detail;
    c.documentation = new vscode.MarkdownString(item.documentation);
    if (word) c.range = new vscode.Range(word.start, pos);
    return c;
  });
}
