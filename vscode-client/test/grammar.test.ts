// The TextMate grammar, tokenized by VS Code's own engine (vscode-textmate + vscode-oniguruma): exact scopes on a
// file holding every construct, invariants on every corpus file, and a snapshot of each corpus file's tokens
// (UPDATE_SNAPSHOTS=1 npm test writes them again; review the diff).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..');
const repo = path.resolve(root, '..');
const corpus = path.join(repo, 'test-fixtures', 'corpus');
const demo = path.join(repo, 'test-fixtures', 'workspaces', 'demo');
const snapshots = path.join(root, 'test', 'snapshots');

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName !== 'source.hielements') return null;
      const file = path.join(root, 'syntaxes', 'hielements.tmLanguage.json');
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const g = await registry.loadGrammar('source.hielements');
  assert.ok(g, 'the grammar loads');
  grammar = g;
});

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) });
    }
    stack = r.ruleStack;
  });
  return out;
}

/** The scopes of the first token equal to `text` on the first line containing `lineText`. */
function scopesOf(tokens: Token[], lines: string[], lineText: string, text: string, nth = 0): string[] {
  const line = lines.findIndex((l) => l.includes(lineText));
  assert.ok(line >= 0, `a line contains ${lineText}`);
  const found = tokens.filter((t) => t.line === line && t.text.trim() === text.trim());
  assert.ok(found.length > nth, `line ${line + 1} (${lines[line].trim()}) has a token '${text}': `
    + JSON.stringify(tokens.filter((t) => t.line === line).map((t) => t.text)));
  return found[nth].scopes;
}

function snapshot(text: string): string {
  const lines = text.split(/\r?\n/);
  const tokens = tokenize(text);
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(`${i + 1}| ${l}`);
    for (const t of tokens.filter((x) => x.line === i)) {
      if (t.text.trim() === '') continue;
      out.push(`    ${JSON.stringify(t.text)} ${t.scopes.map((s) => s.replace(/\.hielements$/, '')).join(' ')}`);
    }
  });
  return out.join('\n') + '\n';
}

describe('the grammar on every construct', () => {
  const file = path.join(root, 'test', 'fixtures', 'all-syntax.hie');
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const cases: [string, string, string, number?][] = [
    // imports
    ['import files', 'import', 'keyword.control.import.hielements'],
    ['import files', 'files', 'entity.name.namespace.hielements'],
    ["import './common", './common/patterns.hie', 'string.quoted.single.hielements'],
    ["import './common", 'as', 'keyword.control.as.hielements'],
    ["import './common", 'base', 'entity.name.namespace.alias.hielements'],
    ['from common', 'from', 'keyword.control.from.hielements'],
    ['from common', 'patterns', 'entity.name.namespace.hielements'],
    ['from common', 'layered', 'entity.name.type.imported.hielements'],
    // comments
    ['### A block comment', 'A block comment', 'comment.block.hielements'],
    ['over two lines', 'over two lines', 'comment.block.hielements'],
    ['### one line ###', ' one line ', 'comment.block.hielements'],
    ['## A doc comment', ' A doc comment', 'comment.line.documentation.hielements'],
    ['# a comment', ' a comment', 'comment.line.number-sign.hielements'],
    // languages and connection checks
    ['language python', 'language', 'keyword.declaration.language.hielements'],
    ['language python', 'python', 'entity.name.type.language.hielements'],
    ['connection_check calls_into', 'connection_check', 'keyword.declaration.connection-check.hielements'],
    ['connection_check calls_into', 'calls_into', 'entity.name.function.connection-check.hielements'],
    ['connection_check calls_into', 'source', 'variable.parameter.hielements'],
    ['connection_check calls_into', 'scope', 'support.type.builtin.hielements'],
    ['python.calls_scope(source', 'python', 'entity.name.namespace.library.hielements'],
    ['python.calls_scope(source', 'calls_scope', 'entity.name.function.hielements'],
    // patterns, placeholders, requirements
    ['pattern layered', 'pattern', 'keyword.declaration.pattern.hielements'],
    ['pattern layered', 'layered', 'entity.name.type.pattern.hielements'],
    ['scope code<python>', 'code', 'variable.other.placeholder.hielements'],
    ['scope code<python>', 'python', 'entity.name.type.language.hielements'],
    ['scope code<python>', '<', 'punctuation.definition.typeparameters.begin.hielements'],
    ['ref entry: string', 'entry', 'variable.other.placeholder.hielements'],
    ['ref entry: string', 'string', 'support.type.builtin.hielements'],
    ['scope store: python', 'store', 'variable.other.placeholder.hielements'],
    ['scope store: python', 'python', 'entity.name.type.language.hielements'],
    ['ref budget: integer = 100', 'budget', 'variable.other.ref.hielements'],
    ['ref budget: integer = 100', '100', 'constant.numeric.integer.hielements'],
    ['requires descendant', 'requires', 'keyword.declaration.requirement.hielements'],
    ['requires descendant', 'descendant', 'keyword.declaration.descendant.hielements'],
    ['requires descendant', 'implements', 'keyword.declaration.implements.hielements'],
    ['requires descendant', 'package', 'entity.other.inherited-class.pattern.hielements'],
    ['requires scope code', 'scope', 'keyword.declaration.scope.hielements'],
    ['requires scope code', 'code', 'variable.other.scope.hielements'],
    ['requires ref entry', 'string', 'support.type.builtin.hielements'],
    ['requires check files', 'check', 'keyword.declaration.check.hielements'],
    ['requires element api', 'api', 'entity.name.type.element.hielements'],
    ['forbids language rust', 'forbids', 'keyword.declaration.requirement.hielements'],
    ['forbids language rust', 'rust', 'entity.name.type.language.hielements'],
    ['allows connection to', 'connection', 'keyword.declaration.connection.hielements'],
    ['allows connection to', 'to', 'keyword.declaration.to.hielements'],
    ['allows connection to', 'legacy', 'variable.other.hielements'],
    ['allows connection to', '*', 'keyword.operator.wildcard.hielements'],
    ['template braced', 'template', 'keyword.declaration.pattern.hielements'],
    ['template braced', '{', 'punctuation.section.block.begin.hielements'],
    ['scope s<rust>', 's', 'variable.other.placeholder.hielements'],
    // elements
    ['element shop', 'element', 'keyword.declaration.element.hielements'],
    ['element shop', 'shop', 'entity.name.type.element.hielements'],
    ['element shop', 'implements', 'keyword.declaration.implements.hielements'],
    ['element shop', 'layered', 'entity.other.inherited-class.pattern.hielements'],
    ['element shop', 'package', 'entity.other.inherited-class.pattern.hielements'],
    ['binds layered.api.code', 'code', 'variable.other.scope.hielements'],
    ['binds layered.api.code', 'binds', 'keyword.declaration.binds.hielements'],
    ['binds layered.api.code', 'layered', 'entity.name.type.pattern.hielements'],
    ['binds layered.api.code', 'api', 'variable.other.placeholder.hielements'],
    ['binds layered.api.code', 'folder_selector', 'entity.name.function.hielements'],
    ['binds layered.api.code', 'src/shop', 'string.quoted.single.hielements'],
    ['binds layered.api.entry', 'cart.py', 'string.quoted.double.hielements'],
    ['connection_point total', 'connection_point', 'keyword.declaration.ref.hielements'],
    ['connection_point total', 'Function', 'entity.name.type.hielements'],
    ['ref ratio', '-0.5', 'constant.numeric.float.hielements'],
    ['ref strict', 'true', 'constant.language.boolean.hielements'],
    ['ref layers', '\\n', 'constant.character.escape.hielements'],
    ['ref layers', '-1', 'constant.numeric.integer.hielements'],
    ['layered.store = files', 'layered', 'entity.name.type.pattern.hielements'],
    ['layered.store = files', 'store', 'variable.other.placeholder.hielements'],
    ['layered.store = files', '=', 'keyword.operator.assignment.hielements'],
    ['code uses shop.cart', 'code', 'variable.other.scope.hielements'],
    ['code uses shop.cart', 'uses', 'keyword.declaration.uses.hielements'],
    ['code uses shop.cart', 'cart', 'variable.other.hielements'],
    ['check files.max_size', 'check', 'keyword.declaration.check.hielements'],
    ['check files.max_size', 'files', 'entity.name.namespace.library.hielements'],
    ['check files.max_size', 'max_size', 'entity.name.function.hielements'],
    ['check files.max_size', 'code', 'variable.other.hielements'],
    ['element one_line', 'scope', 'keyword.declaration.scope.hielements'],
    ['element one_line', 's', 'variable.other.scope.hielements'],
    ['element one_line', '}', 'punctuation.section.block.end.hielements'],
    ['element bad', ':', 'punctuation.section.block.begin.hielements'],
    ["check files.exists(code, 'x') !", '!', 'invalid.illegal.character.hielements'],
  ];

  it('gives each token its scope', () => {
    const tokens = tokenize(text);
    const wrong: string[] = [];
    for (const [lineText, tokenText, scope, nth] of cases) {
      const scopes = scopesOf(tokens, lines, lineText, tokenText, nth);
      if (!scopes.includes(scope)) wrong.push(`'${tokenText}' in "${lineText}": ${scopes.join(' ')}, expected ${scope}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('ends a pattern\'s body where its indentation ends: the scopes of an element are no placeholders', () => {
    const tokens = tokenize(text);
    const line = lines.findIndex((l) => l.includes('element shop'));
    const placeholders = tokens.filter((t) => t.line > line && t.scopes.some((s) => s.startsWith('meta.pattern')));
    assert.deepEqual(placeholders, []);
  });
});

const corpusFiles = fs.readdirSync(corpus).filter((f) => f.endsWith('.hie')).sort()
  .map((f) => path.join(corpus, f))
  .concat(['architecture.hie', 'patterns.hie'].map((f) => path.join(demo, f)));

describe('the grammar on the corpus', () => {
  it('finds every corpus file', () => {
    assert.equal(corpusFiles.length, 17);
  });

  for (const file of corpusFiles) {
    const name = path.relative(path.join(repo, 'test-fixtures'), file);
    it(`tokenizes ${name} as its snapshot says`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split(/\r?\n/);
      const tokens = tokenize(text);

      // invariants, whatever the snapshot says
      assert.deepEqual(tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid'))), [], 'no invalid token');
      lines.forEach((l, i) => {
        const trimmed = l.trim();
        const own = tokens.filter((t) => t.line === i && t.text.trim() !== '');
        if (trimmed.startsWith('#') && !trimmed.startsWith('###')) {
          for (const t of own) assert.ok(t.scopes.some((s) => s.startsWith('comment')), `${name}:${i + 1} '${t.text}' is a comment`);
        }
        const decl = /^\s*(element|pattern|template|language)\s+([A-Za-z_]\w*)/.exec(l);
        if (decl) {
          const nameToken = own.find((t) => t.text === decl[2]);
          assert.ok(nameToken && nameToken.scopes.some((s) => s.startsWith('entity.name.type')), `${name}:${i + 1} declares ${decl[2]}`);
          assert.ok(own[0].scopes.some((s) => s.startsWith('keyword.declaration')), `${name}:${i + 1} starts with a keyword`);
        }
        for (const call of l.matchAll(/\b([a-z_]+)\.([a-z_]+)\(/g)) {
          if (trimmed.startsWith('#')) continue;
          const fn = own.find((t) => t.text === call[2]);
          assert.ok(fn && fn.scopes.includes('entity.name.function.hielements'), `${name}:${i + 1} calls ${call[2]}`);
        }
        for (const t of own) {
          if (/^['"]/.test(t.text) && !t.scopes.some((s) => s.startsWith('comment'))) {
            assert.ok(t.scopes.some((s) => s.startsWith('string.quoted')), `${name}:${i + 1} ${t.text} is a string`);
          }
        }
      });

      const snap = path.join(snapshots, `${path.basename(file)}.snap`);
      const actual = snapshot(text);
      if (process.env.UPDATE_SNAPSHOTS === '1') {
        fs.mkdirSync(snapshots, { recursive: true });
        fs.writeFileSync(snap, actual);
        return;
      }
      assert.ok(fs.existsSync(snap), `${snap} exists (UPDATE_SNAPSHOTS=1 npm test writes it)`);
      const expected = fs.readFileSync(snap, 'utf8');
      if (actual !== expected) {
        const a = actual.split('\n');
        const e = expected.split('\n');
        const k = a.findIndex((l, j) => l !== e[j]);
        assert.fail(`${name}: the tokens differ from ${path.relative(root, snap)} at its line ${k + 1}:\n`
          + `  expected: ${e[k]}\n  actual:   ${a[k]}\n(UPDATE_SNAPSHOTS=1 npm test writes the snapshots again)`);
      }
    });
  }
});
