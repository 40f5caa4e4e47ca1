// The lock files name packages, versions and integrity hashes, never a download address: installs go through the
// registry npm is configured with.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

/** Every string holding an address, outside "funding" fields, with its path in the JSON. */
function addresses(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return /[a-z+]+:\/\//i.test(value) ? [`${at}: ${value}`] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([k]) => k !== 'funding')
    .flatMap(([k, v]) => addresses(v, `${at}/${k}`));
}

describe('lock files', () => {
  for (const lock of ['package-lock.json', path.join('e2e', 'package-lock.json'), path.join('e2e', 'node24', 'package-lock.json')]) {
    it(`${lock} holds no download address`, () => {
      const file = path.join(root, lock);
      const text = fs.readFileSync(file, 'utf8');
      const data = JSON.parse(text);
      const packages = Object.entries<Record<string, unknown>>(data.packages ?? {});
      assert.ok(packages.length > 1, 'the lock lists packages');
      const resolved = packages.filter(([, p]) => 'resolved' in p).map(([name]) => name);
      assert.deepEqual(resolved, [], 'no "resolved" field');
      // addresses may appear only as what a package says about its funding (not where to fetch anything)
      assert.deepEqual(addresses(data), [], 'no address outside "funding"');
      assert.ok(!/"resolved"\s*:/.test(text));
      for (const [name, p] of packages) {
        if (name !== '' && !p.link) assert.match(String(p.integrity), /^sha(512|1)-/, `${name} has an integrity hash`);
      }
    });
  }
});
