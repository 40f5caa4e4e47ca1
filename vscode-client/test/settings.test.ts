// Settings and trust: what the server receives in a trusted and in an untrusted workspace, and that the settings
// this extension declares are the ones the server reads.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { allowProcess, applyTrust, initializationOptions, RESTART_SETTINGS, serverSettings, SettingGetter } from '../src/settings';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function getter(values: Record<string, unknown>): SettingGetter {
  return (key) => values[key];
}

describe('trust and process plugins', () => {
  it('lets process plugins start only in a trusted workspace whose settings allow them', () => {
    assert.equal(allowProcess(getter({}), true), true);
    assert.equal(allowProcess(getter({ 'plugins.allowProcess': true }), true), true);
    assert.equal(allowProcess(getter({ 'plugins.allowProcess': false }), true), false);
    assert.equal(allowProcess(getter({}), false), false);
    assert.equal(allowProcess(getter({ 'plugins.allowProcess': true }), false), false);
  });

  it('sends the trust and the settings when the server starts', () => {
    assert.deepEqual(initializationOptions(getter({ 'checks.onChange': true, 'diagnostics.delay': 350 }), false), {
      trustedWorkspace: false,
      hielements: { diagnostics: { delay: 350 }, checks: { onChange: true }, plugins: { allowProcess: false } },
    });
    assert.deepEqual(initializationOptions(getter({}), true), {
      trustedWorkspace: true,
      hielements: { diagnostics: { delay: 200 }, checks: { onChange: false }, plugins: { allowProcess: true } },
    });
  });

  it('corrects the answers to workspace/configuration in an untrusted workspace, keeping everything else', () => {
    const written = { 'plugins.allowProcess': true };
    const answers = applyTrust(
      ['hielements', 'hielements.plugins', 'hielements.plugins.allowProcess', 'editor', undefined],
      [
        { java: { home: '/opt/jdk' }, plugins: { allowProcess: true }, checks: { onChange: true } },
        { allowProcess: true },
        true,
        { tabSize: 4 },
        { hielements: { plugins: { allowProcess: true } }, other: 1 },
      ],
      getter({ ...written, 'checks.onChange': true }), false);
    assert.deepEqual(answers[0], {
      java: { home: '/opt/jdk' },
      diagnostics: { delay: 200 }, checks: { onChange: true }, plugins: { allowProcess: false }, trustedWorkspace: false,
    });
    assert.deepEqual(answers[1], { allowProcess: false });
    assert.equal(answers[2], false);
    assert.deepEqual(answers[3], { tabSize: 4 });
    assert.deepEqual(answers[4], {
      other: 1,
      trustedWorkspace: false,
      hielements: { diagnostics: { delay: 200 }, checks: { onChange: true }, plugins: { allowProcess: false } },
    });
    // trusted: the setting as written
    assert.deepEqual(applyTrust(['hielements.plugins.allowProcess'], [true], getter(written), true), [true]);
    assert.deepEqual(applyTrust(['hielements.plugins.allowProcess'], [false], getter({ 'plugins.allowProcess': false }), true), [false]);
  });

  it('keeps the diagnostics delay within what the server accepts', () => {
    const delay = (v: unknown) => serverSettings(getter({ 'diagnostics.delay': v }), true).diagnostics.delay;
    assert.equal(delay(undefined), 200);
    assert.equal(delay('fast'), 200);
    assert.equal(delay(Number.NaN), 200);
    assert.equal(delay(-5), 0);
    assert.equal(delay(99999), 10000);
    assert.equal(delay(12.6), 13);
  });
});

describe('package.json', () => {
  const props: Record<string, { default?: unknown }> = pkg.contributes.configuration.properties;

  it('declares exactly the settings the server reads, plus the client\'s own', () => {
    // the server's SettingsReader: bool(o, "checks", "onChange", ...), integer(...), find(o, "plugins", "allowProcess")
    const reader = fs.readFileSync(path.join(root, '..', 'server', 'src', 'main', 'java', 'org', 'hielements', 'lsp',
      'SettingsReader.java'), 'utf8');
    const serverKeys = [...reader.matchAll(/\b(?:bool|integer|find)\(o, "(\w+)", "(\w+)"/g)].map((m) => `hielements.${m[1]}.${m[2]}`);
    // and trust, sent beside the settings
    assert.match(reader, /"trustedWorkspace"/);
    assert.deepEqual(serverKeys.sort(),
      ['hielements.checks.onChange', 'hielements.diagnostics.delay', 'hielements.plugins.allowProcess']);
    const clientKeys = ['hielements.java.home', 'hielements.server.jvmArgs', 'hielements.trace.server'];
    assert.deepEqual(Object.keys(props).sort(), [...serverKeys, ...clientKeys].sort());
    assert.equal(props['hielements.diagnostics.delay'].default, 200);
    assert.equal(props['hielements.checks.onChange'].default, false);
  });

  it('restricts, in untrusted workspaces, every setting that runs a program', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(),
      ['hielements.java.home', 'hielements.plugins.allowProcess', 'hielements.server.jvmArgs']);
    for (const s of RESTART_SETTINGS) assert.ok(props[s], `${s} is declared`);
  });

  it('contributes every command it registers, none clashing with the server\'s own', () => {
    const ext = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
    const registered = [...ext.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(registered, contributed);
    const workspace = fs.readFileSync(path.join(root, '..', 'server', 'src', 'main', 'java', 'org', 'hielements', 'lsp',
      'HielementsWorkspaceService.java'), 'utf8');
    const serverCommands = [...workspace.matchAll(/static final String \w+ = "([\w.]+)"/g)].map((m) => m[1]);
    assert.deepEqual(serverCommands.sort(), ['hielements.reloadLibraries', 'hielements.runChecks']);
    for (const c of serverCommands) assert.ok(!contributed.includes(c), `${c} is the server's`);
    for (const c of serverCommands) assert.ok(ext.includes(`'${c}'`), `the client calls ${c}`);
  });
});
