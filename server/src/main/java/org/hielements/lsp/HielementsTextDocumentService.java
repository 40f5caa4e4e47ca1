package org.hielements.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.hielements.service.LanguageService;
import org.hielements.service.RenameOutcome;
import org.hielements.service.TextChange;

/**
 * Text document notifications (kept tiny: update the store, schedule analysis) and requests (run on the server's
 * request executor, honouring cancellation).
 */
final class HielementsTextDocumentService implements TextDocumentService {
    private final HielementsLanguageServer server;

    HielementsTextDocumentService(HielementsLanguageServer server) {
        this.server = server;
    }

    private LanguageService service() {
        return server.service();
    }

    /** Whether a document is a {@code .hie} file (the server analyses only those). */
    static boolean isHie(String uri, String languageId) {
        return uri.endsWith(".hie") || "hielements".equals(languageId) || "hie".equals(languageId);
    }

    // -------------------------------------------------------------------------------------------- notifications

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var d = params.getTextDocument();
        if (LanguageService.isConfigFile(d.getUri())) {
            server.publishConfig(service().openConfig(d.getUri(), d.getVersion(), d.getText()));
            return;
        }
        if (!isHie(d.getUri(), d.getLanguageId())) return;
        service().open(d.getUri(), d.getVersion(), d.getText());
        server.scheduler().schedule(d.getUri(), true);
        server.runChecks(d.getUri(), false);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        List<TextChange> changes = new ArrayList<>();
        for (TextDocumentContentChangeEvent e : params.getContentChanges()) {
            changes.add(new TextChange(e.getRange() == null ? null : Lsp.range(e.getRange()), e.getText()));
        }
        Integer version = params.getTextDocument().getVersion();
        if (service().configDocument(uri).isPresent()) {
            int cv = version != null ? version : service().configDocument(uri).get().version() + 1;
            service().changeConfig(uri, cv, changes).ifPresent(server::publishConfig);
            return;
        }
        int v = version != null ? version
                : service().documents().get(uri).map(doc -> doc.version() + 1).orElse(0);
        java.util.Optional<org.hielements.service.TextDocument> changed = service().change(uri, v, changes);
        if (changed.isPresent()) {
            server.hub().edited(changed.get());
            server.scheduler().schedule(uri, false);
            if (server.settings().checksOnChange()) server.runChecks(uri, true);
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        if (service().closeConfig(uri).isPresent()) {
            server.hub().clear(uri);
            service().folders().peek(org.hielements.service.Uris.pathOf(uri)).ifPresent(server::publishLoadDiagnostics);
            return;
        }
        server.scheduler().cancel(uri);
        server.forgetChecks(uri);
        if (service().close(uri).isPresent()) server.hub().clear(uri);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        if (service().configDocument(uri).isPresent()) {
            service().folders().peek(org.hielements.service.Uris.pathOf(uri)).ifPresent(server::reloadLibraries);
            return;
        }
        if (service().documents().get(uri).isPresent()) server.runChecks(uri, false);
    }

    // -------------------------------------------------------------------------------------------- requests

    private <T> CompletableFuture<T> async(Function<CancelChecker, T> body) {
        return CompletableFutures.computeAsync(server.requests(), cancel -> {
            cancel.checkCanceled();
            T result = body.apply(cancel);
            cancel.checkCanceled();
            return result;
        });
    }

    /**
     * A request about a document: answered for the version the document had when the request came (requests and edits
     * arrive in order on the reader thread). The requests of one document run one at a time, and one that an edit
     * overtook before it started is answered with ContentModified, as LSP provides, without analysing a version no one
     * will see again. While a client sends edits and requests faster than a large document is analysed, each request
     * would otherwise compute the model of another version at the same time as the others, each many times the size
     * of the document.
     */
    private <T> CompletableFuture<T> async(String uri, Function<CancelChecker, T> body) {
        Integer version = service().documents().get(uri).map(org.hielements.service.TextDocument::version)
                .orElse(null);
        return async(cancel -> {
            synchronized (server.requestLock(uri)) {
                cancel.checkCanceled();
                Integer now = service().documents().get(uri).map(org.hielements.service.TextDocument::version)
                        .orElse(null);
                if (version != null && now != null && !version.equals(now)) {
                    throw new ResponseErrorException(new ResponseError(ResponseErrorCode.ContentModified,
                            "the document changed since this request was sent (version " + version + ", now " + now
                                    + ")", null));
                }
                return body.apply(cancel);
            }
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        return async(uri, c -> Either.forRight(new CompletionList(false,
                service().complete(uri, pos).stream().map(Lsp::completion).toList())));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        return async(uri, c -> service().hover(uri, pos, server.checkRuns()).map(Lsp::hover).orElse(null));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        return async(uri, c -> service().signatureHelp(uri, pos).map(Lsp::signatureHelp).orElse(null));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        return async(uri, c -> Either.forLeft(Lsp.locations(service().definition(uri, pos))));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        boolean decl = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return async(uri, c -> Lsp.locations(service().references(uri, pos, decl)));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        return async(uri, c -> service().prepareRename(uri, pos)
                .<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>>map(r -> Either3.forFirst(
                        Lsp.range(r)))
                .orElse(null));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        String uri = params.getTextDocument().getUri();
        var pos = Lsp.position(params.getPosition());
        String name = params.getNewName();
        return async(uri, c -> {
            RenameOutcome r = service().rename(uri, pos, name);
            if (r.change() == null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, r.error(), null));
            }
            return Lsp.workspaceEdit(r.change());
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
        String uri = params.getTextDocument().getUri();
        return async(uri, c -> service().documentSymbols(uri).stream()
                .map(n -> Either.<SymbolInformation, DocumentSymbol>forRight(Lsp.documentSymbol(n))).toList());
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        String uri = params.getTextDocument().getUri();
        return async(uri, c -> new SemanticTokens(org.hielements.service.SemanticTokens.encode(
                service().semanticTokens(uri))));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        String uri = params.getTextDocument().getUri();
        var options = params.getOptions();
        return async(uri, c -> service().format(uri, options.getTabSize(), options.isInsertSpaces()).stream()
                .map(Lsp::textEdit).toList());
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        String uri = params.getTextDocument().getUri();
        return async(uri, c -> service().foldingRanges(uri).stream().map(Lsp::folding).toList());
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        String uri = params.getTextDocument().getUri();
        return async(uri, c -> service().codeLenses(uri, server.checkRuns().lastRun(uri)).stream()
                .map(Lsp::codeLens).toList());
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        String uri = params.getTextDocument().getUri();
        var range = Lsp.range(params.getRange());
        var fromClient = params.getContext() == null || params.getContext().getDiagnostics() == null
                ? List.<org.eclipse.lsp4j.Diagnostic>of() : params.getContext().getDiagnostics();
        return async(uri, c -> service().codeActions(uri, range).stream()
                .map(f -> Either.<Command, CodeAction>forRight(Lsp.codeAction(f, fromClient))).toList());
    }
}
