// Completion of hielements.toml's keys (the server validates the file and reports every problem at its key; it
// does not complete it). Knows nothing of VS Code: text and position in, items out.

export interface TomlItem {
  label: string;
  kind: 'key' | 'value' | 'table';
  /** A VS Code snippet. */
  insertText: string;
  detail: string;
  documentation: string;
}

interface KeyDoc {
  key: string;
  snippet: string;
  detail: string;
  doc: string;
}

const ENTRY_KEYS: KeyDoc[] = [
  { key: 'path', snippet: 'path = "${1:plugin.wasm}"', detail: 'string: a .wasm module, or a plugin executable',
    doc: 'A path ending in .wasm makes a WASM plugin (run in the sandbox); another path is a process plugin\'s executable. Relative paths resolve against the workspace root.' },
  { key: 'package', snippet: 'package = "${1:name}@${2:^1.0}"', detail: 'string: an npm package and version range (a WASM plugin)',
    doc: 'A WASM plugin shared as an npm package (keyword hielements-plugin; docs/REGISTRY.md): the version hielements.lock holds is loaded from the package cache, verified against its SHA-512, never downloaded while loading. Written by `hielements plugins add`; `hielements plugins update` locks a newer version. The package grants itself nothing: permissions are granted in [libraries.NAME.permissions].' },
  { key: 'executable', snippet: 'executable = "${1:python3}"', detail: 'string: a process plugin\'s program',
    doc: 'The program of a process plugin, looked up on PATH unless it contains a \'/\' (then relative to the workspace root). Started with no shell, in the workspace root.' },
  { key: 'args', snippet: 'args = ["${1:plugin.py}"]', detail: 'array of strings',
    doc: 'Arguments of a process plugin\'s program. Arguments naming existing files resolve against the workspace root.' },
  { key: 'type', snippet: 'type = "${1|external,wasm|}"', detail: '"external" | "wasm"',
    doc: 'The plugin kind; inferred when omitted: a path ending in .wasm is "wasm", an executable or another path is "external".' },
  { key: 'env', snippet: 'env = { ${1:NAME} = "${2:value}" }', detail: 'table of strings (process plugins)',
    doc: 'Environment variables added to the server\'s environment for a process plugin.' },
  { key: 'timeout', snippet: 'timeout = "${1:10s}"', detail: 'duration, e.g. "10s", "500ms"',
    doc: 'The longest one call may take (process plugins: 10s by default; WASM plugins: 5s). A process that times out is killed and started again on the next call.' },
  { key: 'permissions', snippet: 'permissions = { filesystem = ["${1:read}"] }', detail: 'table (WASM plugins)',
    doc: 'What a WASM plugin may reach: filesystem = ["read"] mounts the workspace read-only; environment = ["HOME"] exposes those variables; network = ["host:port"] lets it send HTTP requests to those hosts only (through the host, never WASI sockets).' },
  { key: 'limits', snippet: 'limits = { memory = "${1:64MiB}" }', detail: 'table (WASM plugins)',
    doc: 'A WASM plugin\'s limits: memory (default "64MiB", at most 2 GiB: linear memory, tables and globals), timeout (per call, default "5s"), output (largest reply, default "16MiB"), module (largest .wasm file, default "16MiB").' },
];

const PERMISSION_KEYS: KeyDoc[] = [
  { key: 'filesystem', snippet: 'filesystem = ["${1:read}"]', detail: 'array: "read" (and "workspace-only")',
    doc: 'Mounts the workspace read-only at its own absolute path. Writing is never granted: plugins observe, they never change files.' },
  { key: 'environment', snippet: 'environment = ["${1:HOME}"]', detail: 'array of variable names',
    doc: 'The environment variables the plugin may read; none by default.' },
  { key: 'network', snippet: 'network = ["${1:example.org:443}"]', detail: 'array of "host:port"',
    doc: 'The hosts the plugin may send HTTP requests to through the host function hielements.http_request, each exactly (no wildcard; another port is another host; redirects are checked too). None by default.' },
];

const LIMIT_KEYS: KeyDoc[] = [
  { key: 'memory', snippet: 'memory = "${1:64MiB}"', detail: 'size, default "64MiB", at most 2 GiB',
    doc: 'The largest linear memory, tables and globals of an instance together; growing past it fails inside the plugin.' },
  { key: 'timeout', snippet: 'timeout = "${1:5s}"', detail: 'duration, default "5s"', doc: 'The longest one call may take.' },
  { key: 'output', snippet: 'output = "${1:16MiB}"', detail: 'size, default "16MiB"', doc: 'The largest reply a call may return.' },
  { key: 'module', snippet: 'module = "${1:16MiB}"', detail: 'size, default "16MiB", at most 256 MiB',
    doc: 'The largest .wasm file read.' },
];

/** The table a line belongs to: the dotted key of the last `[header]` above it, "" before any. */
function tableAt(lines: readonly string[], line: number): string {
  for (let i = line - 1; i >= 0; i--) {
    const m = /^\s*\[\s*([^\][]+?)\s*\]\s*(?:#.*)?$/.exec(lines[i]);
    if (m) return m[1].split('.').map((p) => p.trim().replace(/^"(.*)"$/, '$1')).join('.');
  }
  return '';
}

/** The `key = value` pairs written in the table that holds `line` (from its header to the next one). */
function pairsInTable(lines: readonly string[], line: number): Map<string, string> {
  const pairs = new Map<string, string>();
  let start = 0;
  for (let i = line - 1; i >= 0; i--) {
    if (/^\s*\[/.test(lines[i])) {
      start = i + 1;
      break;
    }
  }
  for (let i = start; i < lines.length; i++) {
    if (i !== start && /^\s*\[/.test(lines[i])) break;
    if (i === line) continue;
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(?:#.*)?$/.exec(lines[i]);
    if (m) pairs.set(m[1], m[2]);
  }
  return pairs;
}

/** The library names written so far (`[libraries.x]` headers and `x = {` entries of `[libraries]`). */
function libraryNames(lines: readonly string[]): string[] {
  const names = new Set<string>();
  let inLibraries = false;
  for (const l of lines) {
    const h = /^\s*\[\s*([^\][]+?)\s*\]/.exec(l);
    if (h) {
      const parts = h[1].split('.').map((p) => p.trim());
      inLibraries = parts.length === 1 && parts[0] === 'libraries';
      if (parts[0] === 'libraries' && parts.length >= 2) names.add(parts[1]);
      continue;
    }
    const e = /^\s*([A-Za-z0-9_-]+)\s*=\s*\{/.exec(l);
    if (inLibraries && e) names.add(e[1]);
  }
  return [...names];
}

const WASM_ONLY = ['permissions', 'limits', 'package'];
const PROCESS_ONLY = ['executable', 'args', 'env'];

/**
 * The entry keys that fit a library whose written `key = value` pairs are given: a WASM module (type "wasm", or a
 * path ending in .wasm, or a package) takes no executable, args or env; a process plugin (type "external", an
 * executable, or another path) takes no permissions, limits or package; an entry has a path or a package, not both.
 */
function entryKeys(pairs: Map<string, string>): KeyDoc[] {
  const type = pairs.get('type');
  const pathValue = pairs.get('path');
  const wasm = type === '"wasm"' || pairs.has('package')
    || (type === undefined && pathValue !== undefined && /\.wasm["']$/.test(pathValue));
  const process = !wasm && (type === '"external"' || pairs.has('executable') || pathValue !== undefined);
  return ENTRY_KEYS.filter((k) => !(wasm && PROCESS_ONLY.includes(k.key)) && !(process && WASM_ONLY.includes(k.key))
    && !(k.key === 'package' && pathValue !== undefined) && !(k.key === 'path' && pairs.has('package')));
}

function keyItems(keys: readonly KeyDoc[], written: Set<string>): TomlItem[] {
  return keys.filter((k) => !written.has(k.key))
    .map((k) => ({ label: k.key, kind: 'key' as const, insertText: k.snippet, detail: k.detail, documentation: k.doc }));
}

function keysOf(table: string): KeyDoc[] | undefined {
  const parts = table.split('.');
  if (parts[0] !== 'libraries') return undefined;
  if (parts.length === 2) return ENTRY_KEYS;
  if (parts.length === 3 && parts[2] === 'permissions') return PERMISSION_KEYS;
  if (parts.length === 3 && parts[2] === 'limits') return LIMIT_KEYS;
  return undefined;
}

/** The completions at a position (0-based line, UTF-16 character) of a hielements.toml text. */
export function completeToml(text: string, line: number, character: number): TomlItem[] {
  const lines = text.split(/\r?\n/);
  if (line < 0 || line >= lines.length) return [];
  const before = lines[line].slice(0, character);
  if (/^[^"']*#/.test(before)) return [];
  const table = tableAt(lines, line);

  // a table header: [libraries.name], [libraries.name.permissions], ...
  if (/^\s*\[[^\]]*$/.test(before)) {
    // the closing bracket, unless the editor already closed it
    const close = lines[line].slice(character).trimStart().startsWith(']') ? '' : ']';
    const items: TomlItem[] = [{ label: 'libraries.name', kind: 'table', insertText: `libraries.\${1:name}${close}`,
      detail: 'a library', documentation: 'A plugin library: its path (a .wasm module) or its executable.' }];
    for (const name of libraryNames(lines)) {
      for (const sub of ['permissions', 'limits', 'env']) {
        items.push({ label: `libraries.${name}.${sub}`, kind: 'table', insertText: `libraries.${name}.${sub}${close}`,
          detail: `the ${sub} of ${name}`, documentation: sub === 'env' ? 'Environment variables of a process plugin.'
            : keyItemsDoc(sub === 'permissions' ? PERMISSION_KEYS : LIMIT_KEYS) });
      }
    }
    return items;
  }

  // a value: type = "...", filesystem = ["..."]
  const value = /^\s*([A-Za-z0-9_-]+)\s*=\s*(\[?\s*)"?([A-Za-z-]*)$/.exec(before)
    ?? /[{,]\s*([A-Za-z0-9_-]+)\s*=\s*(\[?\s*)"?([A-Za-z-]*)$/.exec(before);
  if (value) {
    const quoted = /"[A-Za-z-]*$/.test(before);
    const q = (s: string) => (quoted ? s : `"${s}"`);
    if (value[1] === 'type') {
      return ['external', 'wasm'].map((v) => ({ label: v, kind: 'value' as const, insertText: q(v), detail: 'plugin kind',
        documentation: v === 'wasm' ? 'A WebAssembly module run in the sandbox.' : 'A process speaking JSON-RPC on stdin/stdout.' }));
    }
    if (value[1] === 'filesystem') {
      return ['read', 'workspace-only'].map((v) => ({ label: v, kind: 'value' as const, insertText: q(v),
        detail: 'filesystem permission', documentation: 'Read-only access to the workspace.' }));
    }
    return [];
  }

  // a key inside an inline table: name = { path = "x", | }
  const inline = /^\s*([A-Za-z0-9_-]+)\s*=\s*\{([^}]*)$/.exec(before);
  if (inline && /(?:\{|,)\s*[A-Za-z0-9_-]*$/.test(before)) {
    const pairs = new Map([...inline[2].matchAll(/([A-Za-z0-9_-]+)\s*=\s*("[^"]*"|[^,]*)/g)].map((m) => [m[1], m[2].trim()] as [string, string]));
    const written = new Set(pairs.keys());
    if (table === 'libraries') return keyItems(entryKeys(pairs), written);
    if (inline[1] === 'permissions') return keyItems(PERMISSION_KEYS, written);
    if (inline[1] === 'limits') return keyItems(LIMIT_KEYS, written);
    return [];
  }

  // a key at the start of a line
  if (/^\s*[A-Za-z0-9_-]*$/.test(before)) {
    if (table === '') {
      return [{ label: '[libraries.name]', kind: 'table', insertText: '[libraries.${1:name}]\npath = "${2:plugin.wasm}"',
        detail: 'a library', documentation: 'A plugin library: its path (a .wasm module) or its executable.' }];
    }
    if (table === 'libraries') {
      return [{ label: 'name = { ... }', kind: 'key', insertText: '${1:name} = { path = "${2:plugin.wasm}" }',
        detail: 'a library, inline', documentation: 'A plugin library on one line (an inline table cannot span lines in TOML 1.0).' }];
    }
    const pairs = pairsInTable(lines, line);
    const keys = keysOf(table) === ENTRY_KEYS ? entryKeys(pairs) : keysOf(table);
    return keys ? keyItems(keys, new Set(pairs.keys())) : [];
  }
  return [];
}

function keyItemsDoc(keys: readonly KeyDoc[]): string {
  return keys.map((k) => `${k.key}: ${k.detail}`).join('; ');
}
