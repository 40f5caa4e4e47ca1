// Finding Java on real files and real processes: the machine's own Java, and small scripts that print what other
// Java versions print.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, describe, it } from 'node:test';
import { findJava, missingJavaMessage, parseJavaVersion } from '../src/java';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hielements-java-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The Java running Maven (the build needs one): its home, from the real path of `java` on PATH. */
function realJavaHome(): string {
  const which = execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
  return path.dirname(path.dirname(fs.realpathSync(which)));
}

/** A fake Java home whose bin/java prints `output` on stderr (as java -version does) and exits with `code`. */
function fakeJava(name: string, output: string, code = 0, executable = true): string {
  const home = path.join(tmp, name);
  fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
  const script = path.join(home, 'bin', 'java');
  fs.writeFileSync(script, `#!/bin/sh\ncat >&2 <<'OUT'\n${output}\nOUT\nexit ${code}\n`);
  fs.chmodSync(script, executable ? 0o755 : 0o644);
  return home;
}

const java11 = fakeJava('jdk11', 'openjdk version "11.0.22" 2024-01-16\nOpenJDK Runtime Environment (build 11.0.22+7)');
const java8 = fakeJava('jdk8', 'java version "1.8.0_402"\nJava(TM) SE Runtime Environment (build 1.8.0_402-b08)');
const java21 = fakeJava('jdk21', 'openjdk version "21" 2023-09-19\nOpenJDK Runtime Environment (build 21+35-2513)');
const garbage = fakeJava('garbage', 'this is not java');
const broken = fakeJava('broken', 'Error: could not open `lib/jvm.cfg\'', 1);
const notExecutable = fakeJava('noexec', 'openjdk version "17.0.1"', 0, false);
const bin = (home: string) => path.join(home, 'bin');

describe('findJava', () => {
  it('finds the machine\'s Java on PATH when JAVA_HOME is not set', async () => {
    const r = await findJava({ env: { PATH: process.env.PATH } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.source, 'PATH');
    assert.ok(r.major >= 17, `major ${r.major}`);
    assert.match(r.version, /^\d+/);
  });

  it('prefers JAVA_HOME to PATH', async () => {
    const home = realJavaHome();
    const r = await findJava({ env: { JAVA_HOME: home, PATH: bin(java21) } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.source, 'JAVA_HOME');
    assert.equal(r.executable, path.join(home, 'bin', 'java'));
  });

  it('uses the setting before JAVA_HOME and PATH, as a home or as the executable itself', async () => {
    const home = realJavaHome();
    const asHome = await findJava({ javaHome: home, env: { JAVA_HOME: java11, PATH: bin(java11) } });
    assert.ok(asHome.ok, JSON.stringify(asHome));
    assert.equal(asHome.source, 'setting');
    const exe = path.join(home, 'bin', 'java');
    const asExe = await findJava({ javaHome: exe, env: {} });
    assert.ok(asExe.ok, JSON.stringify(asExe));
    assert.equal(asExe.executable, exe);
  });

  it('expands ~ in the setting', async () => {
    const r = await findJava({ javaHome: '~/jdk21', env: { HOME: tmp } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.major, 21);
    assert.equal(r.version, '21');
    assert.equal(r.executable, path.join(java21, 'bin', 'java'));
  });

  it('never replaces a wrong setting by another Java, and says what is wrong with it', async () => {
    const r = await findJava({ javaHome: java11, env: { PATH: process.env.PATH } });
    assert.ok(!r.ok);
    assert.deepEqual(r.problems, [`hielements.java.home (${java11}): Java 11.0.22, but Java 17 or newer is needed`]);
    const missing = await findJava({ javaHome: path.join(tmp, 'nowhere'), env: { PATH: process.env.PATH } });
    assert.ok(!missing.ok);
    assert.match(missing.problems[0], /^hielements\.java\.home \(.*nowhere\): no java at .*nowhere\/bin\/java$/);
  });

  it('passes over a JAVA_HOME that is too old and finds a good Java on PATH', async () => {
    const r = await findJava({ env: { JAVA_HOME: java11, PATH: [bin(java8), bin(java21)].join(':') } });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.source, 'PATH');
    assert.equal(r.major, 21);
  });

  it('lists every place it looked at when no Java fits', async () => {
    const r = await findJava({ env: { JAVA_HOME: java8, PATH: [bin(garbage), bin(broken), bin(notExecutable), bin(java11)].join(':') } });
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 5, r.problems.join('\n'));
    assert.match(r.problems[0], /^JAVA_HOME \(.*jdk8\): Java 1\.8\.0_402, but Java 17 or newer is needed$/);
    assert.match(r.problems[1], /garbage\/bin\/java \(on PATH\): .*printed no Java version \(this is not java\)$/);
    assert.match(r.problems[2], /broken\/bin\/java \(on PATH\): .*-version failed: Error: could not open/);
    assert.match(r.problems[3], /noexec\/bin\/java \(on PATH\): .*-version failed: /);
    assert.match(r.problems[4], /jdk11\/bin\/java \(on PATH\): Java 11\.0\.22, but Java 17 or newer is needed$/);
    const message = missingJavaMessage(r);
    assert.match(message, /needs Java 17 or newer/);
    assert.match(message, /hielements\.java\.home/);
    assert.ok(message.includes(r.problems[4]));
  });

  it('says so when there is no Java anywhere', async () => {
    const r = await findJava({ env: { PATH: path.join(tmp, 'empty') } });
    assert.ok(!r.ok);
    assert.deepEqual(r.problems, ['JAVA_HOME is not set', 'no java on PATH']);
  });
});

describe('parseJavaVersion', () => {
  it('reads the versions every Java prints', () => {
    assert.deepEqual(parseJavaVersion('openjdk version "17.0.15" 2025-04-15'), { major: 17, version: '17.0.15' });
    assert.deepEqual(parseJavaVersion('java version "1.8.0_402"'), { major: 8, version: '1.8.0_402' });
    assert.deepEqual(parseJavaVersion('openjdk version "21" 2023-09-19'), { major: 21, version: '21' });
    assert.deepEqual(parseJavaVersion('openjdk version "23-ea" 2024-09-17'), { major: 23, version: '23-ea' });
    assert.deepEqual(parseJavaVersion('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "25.0.1"'), { major: 25, version: '25.0.1' });
    assert.equal(parseJavaVersion('no version here'), undefined);
    assert.equal(parseJavaVersion('version "abc"'), undefined);
  });
});
