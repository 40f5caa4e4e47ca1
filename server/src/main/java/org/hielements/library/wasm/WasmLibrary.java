package org.hielements.library.wasm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryError;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.Value;
import org.hielements.library.ValueCodec;
import org.hielements.library.Workspace;
import org.hielements.library.config.Units;
import org.hielements.library.config.WasmPluginConfig;
import org.hielements.library.process.JsonRpc;
import org.hielements.wasm.WasmHost;
import org.hielements.wasm.WasmPlugin;
import org.hielements.wasm.WasmPluginException;
import org.hielements.wasm.WasmPluginSpec;
import org.hielements.wasm.WasmPolicy;

/**
 * A library served by a WASM module through the {@code wasm-runtime} host (PLUGINS.md §4): the request
 * {@code {"args":[...],"function":f,"workspace":"/abs"}} goes to {@code library_call} / {@code library_check}, the reply
 * is the same JSON as a process plugin's {@code result}, decoded by the one {@link ValueCodec}. A reply
 * {@code {"error":{"code":n,"message":m}}} is the plugin's error {@code E<n>} (as a process plugin's JSON-RPC error); a
 * selector reply {@code {"Error":"m"}} is an error without a code (E230).
 *
 * <p>Loading never throws: a module that cannot be loaded (missing, not a regular file, over the module size limit, not
 * WebAssembly, missing exports, wrong shapes, unknown imports) gives a library whose every call fails with E600 naming
 * the file and every problem. A library made with {@link #lazy} reads nothing until it is first needed (a call, its
 * function list, its documentation or status), so a library no check uses is never read or compiled. Documentation
 * comes from the {@code library_doc} export, else the names of {@code library_metadata}, read once at load. The module
 * file is watched: when it changes it is loaded again on the next run's first call (its size and time are read once per
 * run, see {@link #current(Workspace)}), and on the next documentation or status request.
 *
 * <p>Codes: E600 load, E601 trap (also {@code unreachable}, a stack overflow, {@code proc_exit}), E602 timeout, E603
 * memory limit, E604 a reply that breaks the ABI (bad pointer, over the output limit, not UTF-8, not JSON), E605 closed
 * or cancelled; E508/E509 a reply that does not convert; {@code E<n>} the plugin's own error.
 */
public final class WasmLibrary implements Library {
    private static final Logger LOG = Logger.getLogger(WasmLibrary.class.getName());

    public static final String LOAD_FAILED = "E600";
    public static final String TRAPPED = "E601";
    public static final String TIMED_OUT = "E602";
    public static final String MEMORY_LIMIT = "E603";
    public static final String BAD_REPLY = "E604";
    public static final String UNAVAILABLE = "E605";

    static final String CALL = "library_call";
    static final String CHECK = "library_check";
    static final String DOC = "library_doc";
    static final String METADATA = "library_metadata";

    private static volatile WasmHost shared;

    private final String name;
    private final Path file;
    private final WasmPolicy policy;
    private final WasmHost host;
    private final String stampKey;
    /** The classpath resource of a module shipped in the jar ({@link #bundled}), else null. */
    private final String resource;
    private final Object loadLock = new Object();
    private volatile Loaded loaded;
    private volatile boolean closed;

    /** What one load of the module produced: the plugin or the error, the documentation, the problems. */
    private record Loaded(WasmPlugin plugin, LibraryError error, List<String> problems, LibraryDoc doc,
                          boolean docKnown, Duration loadTime, String stamp, boolean impure) {
        Loaded(WasmPlugin plugin, LibraryError error, List<String> problems, LibraryDoc doc, boolean docKnown,
                Duration loadTime, String stamp) {
            this(plugin, error, problems, doc, docKnown, loadTime, stamp, false);
        }
    }

    /** The module's hash for {@link #cacheIdentity}, with the stamp it was computed at. */
    private volatile String[] moduleHash;

    /**
     * The module's SHA-256 (kept while its stamp is unchanged and not recent) and the sandbox. A module given the
     * workspace (read-only) is cached too: every path its guest touches through WASI is recorded as an input of the
     * call ({@link #invoke}). One allowed network hosts is not (their answers change on their own).
     */
    @Override
    public String cacheIdentity() {
        if (!policy.networkHosts().isEmpty()) return null;
        org.hielements.library.InputProbe.Stamp st = org.hielements.library.InputProbe.stamp(file);
        if (st == null) return "wasm:" + file + ":missing";
        String stamp = st.toString();
        String[] known = moduleHash;
        if (known != null && known[0].equals(stamp) && !st.racy(Long.parseLong(known[2]))) {
            return "wasm:" + file + ":" + known[1] + ":" + policy + policy.environment();
        }
        long at = org.hielements.library.InputProbe.now();
        String hash;
        try {
            hash = org.hielements.library.InputProbe.hash(org.hielements.text.InputFile.read(file, policy.moduleLimitBytes()));
        } catch (org.hielements.text.InputFile.Refused e) {
            hash = "unreadable:" + e.getMessage();
        }
        moduleHash = new String[] {stamp, hash, Long.toString(at)};
        return "wasm:" + file + ":" + hash + ":" + policy + policy.environment();
    }

    /** Unless its metadata says {@code "pure": false}: a guest sees only its input (clocks and random aside). */
    @Override
    public boolean deterministic() {
        Loaded l = loaded;
        return cacheIdentity() != null && (l == null || !l.impure());
    }

    private WasmLibrary(String name, Path file, WasmPolicy policy, WasmHost host, String resource) {
        this.name = name;
        this.file = file;
        this.policy = policy;
        this.host = host;
        this.resource = resource;
        this.stampKey = "wasm-module-stamp:" + file;
    }

    /**
     * The host shared by every WASM library of this process (one compiled copy per module, the persistent compile cache
     * in the user cache folder), created on first use.
     */
    public static WasmHost sharedHost() {
        WasmHost h = shared;
        if (h == null) {
            synchronized (WasmLibrary.class) {
                h = shared;
                if (h == null) {
                    h = WasmHost.builder().build();
                    shared = h;
                }
            }
        }
        return h;
    }

    /**
     * The sandbox of a {@code hielements.toml} entry: its limits, the read-only workspace, the allowed variables, the
     * hosts it may reach.
     */
    public static WasmPolicy policy(WasmPluginConfig config, Path workspaceRoot, Map<String, String> environment) {
        WasmPolicy.Builder b = WasmPolicy.builder()
                .memoryLimitBytes(config.memoryBytes())
                .timeout(config.timeout())
                .outputLimitBytes(config.outputBytes())
                .allowEnvironment(config.environment(), environment);
        if (config.readWorkspace()) b.readOnlyWorkspace(workspaceRoot);
        config.network().forEach(b::allowNetworkHost);
        return b.moduleLimitBytes(config.moduleBytes()).build();
    }

    /** Loads the module of a {@code hielements.toml} entry; never throws (see {@link #loadError()}). */
    public static WasmLibrary load(WasmPluginConfig config, Path workspaceRoot, WasmHost host) {
        return load(config.name(), config.path(), policy(config, workspaceRoot, System.getenv()), host);
    }

    /** Loads {@code file} as library {@code name} under {@code policy}; never throws (see {@link #loadError()}). */
    public static WasmLibrary load(String name, Path file, WasmPolicy policy, WasmHost host) {
        WasmLibrary lib = lazy(name, file, policy, host);
        lib.current();
        return lib;
    }

    /**
     * Library {@code name} served by {@code file}, which is read, checked and compiled only when first needed; never
     * throws (a module that does not load fails its own calls, see {@link #loadError()}).
     */
    public static WasmLibrary lazy(String name, Path file, WasmPolicy policy, WasmHost host) {
        return new WasmLibrary(name, file.toAbsolutePath().normalize(), policy, host, null);
    }

    /**
     * Library {@code name} served by a module shipped inside the product (the classpath {@code resource}, such as
     * {@code org/hielements/library/wasm/typescript.wasm}), loaded through the same host, sandbox and codec as a
     * workspace's plugin, when first needed; never throws.
     */
    public static WasmLibrary bundled(String name, String resource, WasmPolicy policy, WasmHost host) {
        return new WasmLibrary(name, Path.of(resource).toAbsolutePath().normalize(), policy, host, resource);
    }

    /** Whether the module is shipped inside the product rather than named by {@code hielements.toml}. */
    public boolean isBundled() {
        return resource != null;
    }

    /** Where the module comes from: its file, or {@code bundled: RESOURCE} for one shipped in the product. */
    public String origin() {
        return resource != null ? "bundled: " + resource : file.toString();
    }

    /** Whether loading was attempted yet (a lazy library no one needed is not). */
    public boolean attempted() {
        return loaded != null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LibraryKind kind() {
        return LibraryKind.WASM;
    }

    public Path path() {
        return file;
    }

    public WasmPolicy policy() {
        return policy;
    }

    /** Whether the module is loaded and callable. */
    public boolean isLoaded() {
        return current().plugin() != null;
    }

    /** Why the module could not be loaded, if it could not. */
    public Optional<LibraryError> loadError() {
        return Optional.ofNullable(current().error());
    }

    /** The loaded plugin (exports, shapes, statistics), if loaded. */
    public Optional<WasmPlugin> plugin() {
        return Optional.ofNullable(current().plugin());
    }

    /** How long the last load took (read, parse, compile or cache, validate, first instance, documentation). */
    public Duration loadTime() {
        return current().loadTime();
    }

    /** Every problem of the last load: load errors (one per problem), unreadable documentation. */
    public List<String> problems() {
        return current().problems();
    }

    // ------------------------------------------------------------------ loading

    private Loaded current() {
        return current(stamp());
    }

    /**
     * The load for a call of the run {@code workspace} belongs to: the module file is looked at once per run (a
     * {@link Workspace} is one run's), so a call costs no file system access, and every call of a run uses the same
     * module.
     */
    private Loaded current(Workspace workspace) {
        return current(workspace.memo(stampKey, this::stamp));
    }

    private Loaded current(String stamp) {
        Loaded l = loaded;
        if (l != null && closed) return l;
        if (l != null && stamp.equals(l.stamp())) return l;
        synchronized (loadLock) {
            l = loaded;
            if (l == null && closed) {
                l = new Loaded(null, new LibraryError(UNAVAILABLE, "WASM library '" + name + "' is closed"),
                        List.of("closed"), fallbackDoc(), false, Duration.ZERO, stamp);
                loaded = l;
            } else if (l == null) {
                l = loadNow();
                loaded = l;
            } else if (!stamp.equals(l.stamp()) && !closed) {
                LOG.info(() -> "WASM library '" + name + "': " + file + " changed; loading it again");
                Loaded fresh = loadNow();
                if (l.plugin() != null) {
                    l.plugin().close();
                    host.evictUnused();
                }
                loaded = fresh;
                l = fresh;
            }
        }
        return l;
    }

    private String stamp() {
        if (resource != null) return "bundled";
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + ":" + a.size();
        } catch (IOException e) {
            return "missing";
        }
    }

    private Loaded loadNow() {
        long t0 = System.nanoTime();
        String stamp = stamp();
        WasmPlugin plugin;
        try {
            WasmPluginSpec.Builder spec = WasmPluginSpec.builder(name).policy(policy);
            if (resource == null) {
                spec.path(file);
            } else {
                byte[] bytes = resourceBytes();
                if (bytes == null) {
                    LibraryError error = new LibraryError(LOAD_FAILED, "WASM library '" + name + "': the module "
                            + resource + " is missing from the product (a build without it)");
                    return new Loaded(null, error, List.of("missing resource " + resource), fallbackDoc(), false,
                            since(t0), stamp);
                }
                spec.bytes(bytes);
            }
            plugin = host.load(spec.build());
        } catch (WasmPluginException e) {
            List<String> problems = new ArrayList<>(e.problems());
            String reason = String.join("; ", problems);
            LibraryError error = new LibraryError(LOAD_FAILED, "WASM library '" + name + "' (" + origin()
                    + ") could not be loaded: " + reason);
            LOG.log(Level.FINE, error.message(), e);
            return new Loaded(null, error, problems, fallbackDoc(), false, since(t0), stamp);
        }
        List<String> problems = new ArrayList<>();
        LibraryDoc doc = null;
        boolean impure = false;
        try {
            Optional<byte[]> d = plugin.callNoInput(DOC);
            if (d.isPresent()) {
                com.fasterxml.jackson.databind.JsonNode node = json(d.get(), DOC);
                impure |= node.path("pure").isBoolean() && !node.path("pure").booleanValue();
                doc = ValueCodec.decodeDoc(node, name);
            }
        } catch (WasmPluginException e) {
            problems.add(DOC + ": " + map(e).message());
        } catch (LibraryException e) {
            problems.add(DOC + ": " + e.error().message());
        }
        if (doc == null) {
            try {
                Optional<byte[]> m = plugin.callNoInput(METADATA);
                if (m.isPresent()) {
                    com.fasterxml.jackson.databind.JsonNode node = json(m.get(), METADATA);
                    impure |= node.path("pure").isBoolean() && !node.path("pure").booleanValue();
                    doc = ValueCodec.decodeMetadata(node, name);
                }
            } catch (WasmPluginException e) {
                problems.add(METADATA + ": " + map(e).message());
            } catch (LibraryException e) {
                problems.add(METADATA + ": " + e.error().message());
            }
        }
        boolean known = doc != null;
        return new Loaded(plugin, null, problems, known ? doc : fallbackDoc(), known, since(t0), stamp, impure);
    }

    private byte[] resourceBytes() {
        try (java.io.InputStream in = WasmLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "reading the bundled module " + resource + " failed", e);
            return null;
        }
    }

    private LibraryDoc fallbackDoc() {
        return new LibraryDoc(name, "WASM library: " + file.getFileName(), LibraryDoc.DEFAULT_VERSION, List.of(),
                List.of());
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    // ------------------------------------------------------------------ calls

    @Override
    public Value call(String function, List<Value> args, CallContext context) throws LibraryException {
        JsonNode reply = invoke(CALL, function, args, context.workspace());
        if (reply.isObject() && reply.size() == 1 && reply.has("Error") && reply.get("Error").isTextual()) {
            throw new LibraryException(LibraryError.UNCODED, reply.get("Error").textValue());
        }
        return ValueCodec.decodeValue(reply, name, function, context.workspace());
    }

    @Override
    public CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException {
        JsonNode reply = invoke(CHECK, function, args, context.workspace());
        return ValueCodec.decodeCheckResult(reply, name, function, context.workspace());
    }

    private JsonNode invoke(String export, String function, List<Value> args, Workspace workspace)
            throws LibraryException {
        Loaded l = current(workspace);
        if (closed) throw new LibraryException(UNAVAILABLE, "WASM library '" + name + "' is closed");
        if (l.plugin() == null) throw new LibraryException(l.error());
        byte[] request = ValueCodec.encodeRequestUtf8(function, args, workspace);
        byte[] reply;
        try {
            reply = l.plugin().call(export, request, access(workspace));
        } catch (WasmPluginException e) {
            throw new LibraryException(map(e));
        }
        JsonNode node = json(reply, export);
        if (JsonRpc.isError(node)) throw new LibraryException(JsonRpc.error(node.get("error"), name));
        return node;
    }

    /**
     * Where a call's guest reads the workspace, what it touched (in this call and before, by the same instance:
     * {@link org.hielements.wasm.WorkspaceAccess}) is recorded as read by the computation now running, so a cached
     * answer is reused only while those files, folders and missing paths are unchanged. The mount must be the run's
     * workspace; another folder makes the computation uncacheable. Null without a recorder or a mount.
     */
    private org.hielements.wasm.WorkspaceAccess access(Workspace workspace) {
        org.hielements.library.Inputs r = workspace.recorder();
        if (r == null || policy.workspace().isEmpty()) return null;
        Path mount = policy.workspace().get().toAbsolutePath().normalize();
        Path real = mountReal;
        if (real == null) mountReal = real = realOf(mount);
        if (!real.equals(workspace.root())) {
            r.uncacheable("WASM library '" + name + "' reads " + mount + ", not the workspace " + workspace.root());
            return null;
        }
        Path root = workspace.root();
        return p -> workspace.recordPath(r, root.resolve(mount.relativize(p).toString()));
    }

    /** The mount's real path, asked once (a run's workspace root is real too). */
    private volatile Path mountReal;

    private static Path realOf(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p;
        }
    }

    /** A reply as JSON: UTF-8 and JSON, or E604 naming the export. */
    private JsonNode json(byte[] reply, String export) throws LibraryException {
        // ASCII (the usual reply) is parsed as it is, no decoding to a String first; otherwise, or if it is not JSON,
        // the text path below decodes it and words the error
        Optional<JsonNode> node = ValueCodec.parseAscii(reply);
        if (node.isPresent()) return node.get();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(reply)).toString();
        } catch (CharacterCodingException e) {
            throw new LibraryException(BAD_REPLY, "WASM library '" + name + "', export " + export
                    + ": the reply is not valid UTF-8");
        }
        try {
            return ValueCodec.parse(text, BAD_REPLY);
        } catch (LibraryException e) {
            throw new LibraryException(BAD_REPLY, "WASM library '" + name + "', export " + export
                    + ": the reply is not JSON: " + e.error().message());
        }
    }

    /** A runtime failure as a library error naming the library, the export and the reason. */
    LibraryError map(WasmPluginException e) {
        String where = "WASM library '" + name + "'" + (e.export() != null ? ", export " + e.export() : "") + ": ";
        return switch (e.kind()) {
            case LOAD, VALIDATION -> new LibraryError(LOAD_FAILED, where + e.reason());
            case TRAP, STACK_OVERFLOW, EXIT -> new LibraryError(TRAPPED, where + e.reason()
                    + "; the instance was discarded");
            case TIMEOUT -> new LibraryError(TIMED_OUT, where + "timed out after " + Units.human(policy.timeout())
                    + "; the instance was stopped and discarded");
            case MEMORY_LIMIT -> new LibraryError(MEMORY_LIMIT, where + e.reason());
            case OUTPUT_LIMIT, BAD_ALLOC, BAD_REPLY, NO_SUCH_EXPORT -> new LibraryError(BAD_REPLY, where + e.reason());
            case CANCELLED, CLOSED -> new LibraryError(UNAVAILABLE, where + e.reason());
        };
    }

    // ------------------------------------------------------------------ documentation

    @Override
    public Optional<LibraryDoc> knownFunctions() {
        Loaded l = current();
        return l.docKnown() ? Optional.of(l.doc()) : Optional.empty();
    }

    @Override
    public LibraryDoc documentation() {
        return current().doc();
    }

    /**
     * What a plugin author needs to know beyond loading: a trial call of {@code library_call} and of
     * {@code library_check} with a function no library has; any reply that is JSON passes (an error reply is the right
     * answer), a trap, a bad pointer or a reply that is not JSON is the problem returned.
     */
    public List<String> trialProblems(Workspace workspace) {
        List<String> out = new ArrayList<>();
        Loaded l = current();
        if (l.plugin() == null) return out;
        for (String export : List.of(CALL, CHECK)) {
            try {
                invoke(export, "hielements_trial_call", List.of(), workspace);
            } catch (LibraryException e) {
                if (!pluginAnswered(e.code())) out.add("trial call of " + export + ": " + e.error().message());
            }
        }
        return out;
    }

    /**
     * Whether an error with this code is an answer of the plugin (its own error, or a reply that does not convert to a
     * value) rather than a failure of the module (it did not load, trapped, timed out, ran out of memory, broke the
     * ABI, was closed): the line between a trial call that passes and one that is a problem.
     */
    public static boolean pluginAnswered(String code) {
        return !code.equals(LOAD_FAILED) && !code.equals(TRAPPED) && !code.equals(TIMED_OUT)
                && !code.equals(MEMORY_LIMIT) && !code.equals(BAD_REPLY) && !code.equals(UNAVAILABLE);
    }

    // ------------------------------------------------------------------ closing

    @Override
    public void close() {
        synchronized (loadLock) {
            closed = true;
            Loaded l = loaded;
            if (l != null && l.plugin() != null) l.plugin().close();
        }
    }

    @Override
    public String toString() {
        return "WasmLibrary[" + name + ", " + origin() + "]";
    }
}
