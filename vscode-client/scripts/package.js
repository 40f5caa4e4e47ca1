#!/usr/bin/env node
// Packages the extension as target/hielements-<version>.vsix with the server jar inside (server/hielements.jar).
// The jar comes from the server module's package phase (server/target/hielements.jar; HIELEMENTS_JAR overrides it).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const jar = process.env.HIELEMENTS_JAR || path.resolve(root, '..', 'server', 'target', 'hielements.jar');
if (!fs.existsSync(jar)) {
  console.error(`package: the server jar ${jar} is missing; build it first (mvn -B -pl server -am package)`);
  process.exit(2);
}
if (!fs.existsSync(path.join(root, 'out', 'src', 'extension.js'))) {
  console.error('package: out/src/extension.js is missing; run npm run compile first');
  process.exit(2);
}
fs.mkdirSync(path.join(root, 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(root, 'server', 'hielements.jar'));
const target = path.join(root, 'target');
fs.mkdirSync(target, { recursive: true });
const out = path.join(target, `${pkg.name}-${pkg.version}.vsix`);
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--out', out],
  { cwd: root, stdio: 'inherit' });
console.log(`package: ${path.relative(process.cwd(), out)} (${Math.round(fs.statSync(out).size / 1024)} KB)`);
