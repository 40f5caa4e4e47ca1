// The language configuration's rules, applied as VS Code applies them (its patterns are JavaScript regular
// expressions over one line).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('language-configuration.json', () => {
  it('is the configuration of the hielements language, for .hie files', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'hielements');
    assert.deepEqual(lang.extensions, ['.hie']);
    assert.equal(lang.configuration, './language-configuration.json');
    assert.deepEqual(pkg.contributes.grammars[0], { language: 'hielements', scopeName: 'source.hielements',
      path: './syntaxes/hielements.tmLanguage.json' });
  });

  it('comments with # and ### ... ###', () => {
    assert.deepEqual(config.comments, { lineComment: '#', blockComment: ['###', '###'] });
  });

  it('indents after a header ending in : or {, in both block styles, and outdents a closing }', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ['element shop:', '    element orders implements python_service:', 'pattern p {', 'element e {  # braces',
      'language python:', '    connection_check calls_into(source: scope[], target: scope[]):', 'template t:   ',
      '    requires element api:']) {
      assert.ok(increase.test(line), `indents after: ${line}`);
    }
    for (const line of ['    scope code = files.folder_selector(\'a:\')', '    ref entry: string', '## A doc comment:',
      '# element x:', '    check files.exists(code, \'x\')', 'element one_line { scope s = files.folder_selector(\'src\') }', '']) {
      assert.ok(!increase.test(line), `no indent after: ${line}`);
    }
    assert.ok(decrease.test('}'));
    assert.ok(decrease.test('    }'));
    assert.ok(!decrease.test('    scope s = x.y(\'}\')'));
  });

  it('continues a doc comment on Enter, not a plain or block comment', () => {
    const rule = config.onEnterRules[0];
    const before = new RegExp(rule.beforeText);
    assert.equal(rule.action.appendText, '## ');
    assert.ok(before.test('    ## The package\'s folder'));
    assert.ok(!before.test('    # a comment'));
    assert.ok(!before.test('###'));
  });

  it('pairs and closes brackets and quotes, and folds regions and brace blocks', () => {
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    const closing = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    assert.deepEqual(closing, ['{}', '[]', '()', '\'\'', '""']);
    assert.equal(config.folding.offSide, true, 'indentation blocks fold by indentation');
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    assert.ok(start.test('# region plugins') && end.test('# endregion'));
    assert.ok(start.test('element braced {') && end.test('}'));
  });

  it('takes identifiers and numbers as words', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('scope code_2 = f.x(-0.5, 10)'.match(word), ['scope', 'code_2', 'f', 'x', '-0.5', '10']);
  });
});
