// Completion of hielements.toml: the keys offered where they belong, and only keys the server's ConfigLoader knows.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { completeToml } from '../src/tomlCompletion';

const root = path.resolve(__dirname, '..', '..');
const loader = fs.readFileSync(path.join(root, '..', 'server', 'src', 'main', 'java', 'org', 'hielements', 'library',
  'config', 'ConfigLoader.java'), 'utf8');

/** A Set.of("a", "b") of ConfigLoader, found by the name of the constant or the line it starts. */
function javaSet(marker: RegExp): string[] {
  const m = marker.exec(loader);
  assert.ok(m, `ConfigLoader has ${marker}`);
  const set = /Set\.of\(([^)]*)\)/.exec(loader.slice(m.index));
  assert.ok(set);
  return [...set[1].matchAll(/"(\w+)"/g)].map((x) => x[1]).sort();
}

/** Completion labels at the place marked | in the text. */
function at(textWithCursor: string): string[] {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  return completeToml(text, before.length - 1, before[before.length - 1].length).map((i) => i.label);
}

describe('hielements.toml completion', () => {
  it('offers the entry keys in [libraries.x], without those already written', () => {
    assert.deepEqual(at('[libraries.a]\n|').sort(), javaSet(/Set\.of\("type", "executable"/));
    assert.deepEqual(at('[libraries.a]\ntype = "external"\ntim|\n\n[libraries.b]\nargs = []\n').sort(),
      ['args', 'env', 'executable', 'path', 'timeout']);
  });

  it('offers only the keys that fit the kind of plugin written so far', () => {
    assert.deepEqual(at('[libraries.a]\npath = "a.wasm"\n|').sort(), ['limits', 'permissions', 'timeout', 'type']);
    assert.deepEqual(at('[libraries.a]\ntype = "wasm"\n|').sort(), ['limits', 'package', 'path', 'permissions', 'timeout']);
    assert.deepEqual(at('[libraries.a]\npackage = "hie-sample@^1"\n|').sort(), ['limits', 'permissions', 'timeout', 'type']);
    assert.deepEqual(at('[libraries.a]\nexecutable = "python3"\nargs = ["p.py"]\n|').sort(), ['env', 'path', 'timeout', 'type']);
    assert.deepEqual(at('[libraries.a]\npath = "bin/plugin"  # a program\n|').sort(), ['args', 'env', 'executable', 'timeout', 'type']);
    assert.deepEqual(at('[libraries]\nw = { path = "w.wasm", |').sort(), ['limits', 'permissions', 'timeout', 'type']);
  });

  it('offers the permission and limit keys in their tables, as the server knows them', () => {
    assert.deepEqual(at('[libraries.a.permissions]\n|').sort(), javaSet(/PERMISSION_KEYS\s*=/));
    assert.deepEqual(at('[libraries.a.limits]\nmemory = "8MiB"\n|').sort(),
      javaSet(/LIMIT_KEYS\s*=/).filter((k) => k !== 'memory'));
  });

  it('offers keys inside an inline table of [libraries]', () => {
    assert.deepEqual(at('[libraries]\nsample = { type = "external", |').sort(),
      ['args', 'env', 'executable', 'path', 'timeout']);
    assert.deepEqual(at('[libraries.a]\npermissions = { filesystem = ["read"], |').sort(), ['environment', 'network']);
    assert.deepEqual(at('[libraries]\n|'), ['name = { ... }']);
  });

  it('offers the table headers, naming the libraries written', () => {
    assert.deepEqual(at('[libraries.one]\npath = "x.wasm"\n[libraries]\ntwo = { executable = "p" }\n[|'), [
      'libraries.name',
      'libraries.one.permissions', 'libraries.one.limits', 'libraries.one.env',
      'libraries.two.permissions', 'libraries.two.limits', 'libraries.two.env',
    ]);
    const items = completeToml('[]', 0, 1);
    assert.equal(items[0].insertText, 'libraries.${1:name}', 'the editor closed the bracket already');
    assert.equal(completeToml('[', 0, 1)[0].insertText, 'libraries.${1:name}]');
    assert.deepEqual(at('# plugins\n|'), ['[libraries.name]']);
  });

  it('offers the values of type and filesystem', () => {
    assert.deepEqual(at('[libraries.a]\ntype = |'), ['external', 'wasm']);
    assert.deepEqual(completeToml('[libraries.a]\ntype = "w', 1, 9).map((i) => i.insertText), ['external', 'wasm']);
    assert.deepEqual(completeToml('[libraries.a]\ntype = ', 1, 7).map((i) => i.insertText), ['"external"', '"wasm"']);
    assert.deepEqual(at('[libraries.a.permissions]\nfilesystem = [|'), ['read', 'workspace-only']);
  });

  it('offers nothing in comments, values it does not know, or unknown tables', () => {
    assert.deepEqual(at('[libraries.a]\n# a comment |'), []);
    assert.deepEqual(at('[libraries.a]\npath = "x|'), []);
    assert.deepEqual(at('[tools]\n|'), []);
    assert.deepEqual(at('[libraries.a.env]\n|'), []);
    assert.deepEqual(completeToml('x', 5, 0), []);
  });

  it('gives every key a snippet that writes that key, and documentation', () => {
    for (const table of ['[libraries.a]', '[libraries.a.permissions]', '[libraries.a.limits]']) {
      for (const item of completeToml(`${table}\n`, 1, 0)) {
        assert.ok(item.insertText.startsWith(`${item.label} = `), item.insertText);
        assert.ok(item.documentation.length > 20, item.label);
        assert.ok(item.detail.length > 0, item.label);
      }
    }
  });
});
