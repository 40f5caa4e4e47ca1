#!/usr/bin/env node
// `npm ci`, unless node_modules already holds exactly what package-lock.json lists (npm's own record of the last
// install, node_modules/.package-lock.json, names the same versions and integrity hashes): a second build costs
// nothing, a fresh checkout installs from the lock file.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..'));
const npmArgs = ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

function packages(file) {
  try {
    const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
    const out = {};
    for (const [name, p] of Object.entries(lock.packages || {})) {
      if (name === '' || p.extraneous) continue;
      out[name] = { id: `${p.version}|${p.integrity || ''}|${p.link ? 'link' : ''}`, optional: p.optional === true };
    }
    return out;
  } catch {
    return undefined;
  }
}

function upToDate() {
  const wanted = packages(path.join(dir, 'package-lock.json'));
  const installed = packages(path.join(dir, 'node_modules', '.package-lock.json'));
  if (!wanted || !installed) return false;
  // optional packages for other platforms are listed in the lock and never installed
  if (Object.keys(installed).some((n) => !wanted[n])) return false;
  return Object.entries(wanted).every(([n, w]) => installed[n] ? installed[n].id === w.id && fs.existsSync(path.join(dir, n, 'package.json'))
    : w.optional);
}

if (upToDate()) {
  console.log(`ci: ${path.relative(process.cwd(), dir) || '.'}: node_modules matches package-lock.json`);
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, npmArgs, { cwd: dir, stdio: 'inherit' });
}
