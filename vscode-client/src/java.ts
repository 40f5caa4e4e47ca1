// Finding the Java runtime that starts the language server: the setting hielements.java.home, then JAVA_HOME, then
// PATH. Knows nothing of VS Code, so that it is tested on real files and real processes.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The oldest Java the server runs on. */
export const MINIMUM_JAVA = 17;

export type JavaSource = 'setting' | 'JAVA_HOME' | 'PATH';

export interface JavaFound {
  readonly ok: true;
  /** The java executable. */
  readonly executable: string;
  /** Its feature release (17, 21, ...). */
  readonly major: number;
  /** The version as the runtime prints it ("17.0.15"). */
  readonly version: string;
  readonly source: JavaSource;
}

export interface JavaMissing {
  readonly ok: false;
  /** One line per place looked at, saying what was wrong there. */
  readonly problems: readonly string[];
}

export type JavaLookup = JavaFound | JavaMissing;

export interface JavaQuery {
  /** The value of hielements.java.home ("" or undefined when not set). */
  readonly javaHome?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** How long `java -version` may take. */
  readonly timeoutMs?: number;
}

/**
 * Finds a Java 17+ runtime. When hielements.java.home is set it is the only place looked at (a wrong setting is
 * reported, never silently replaced by another Java); otherwise JAVA_HOME, then each folder of PATH in order.
 */
export async function findJava(query: JavaQuery): Promise<JavaLookup> {
  const platform = query.platform ?? process.platform;
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  const problems: string[] = [];
  const timeout = query.timeoutMs ?? 15000;

  const setting = (query.javaHome ?? '').trim();
  if (setting !== '') {
    const home = expandHome(setting, query.env);
    const candidate = executableIn(home, exe);
    const found = await tryJava(candidate, 'setting', timeout);
    if (found.ok) return found;
    return { ok: false, problems: [`hielements.java.home (${setting}): ${found.problem}`] };
  }

  const javaHome = (query.env.JAVA_HOME ?? '').trim();
  if (javaHome !== '') {
    const found = await tryJava(path.join(javaHome, 'bin', exe), 'JAVA_HOME', timeout);
    if (found.ok) return found;
    problems.push(`JAVA_HOME (${javaHome}): ${found.problem}`);
  } else {
    problems.push('JAVA_HOME is not set');
  }

  const pathVar = query.env.PATH ?? query.env.Path ?? '';
  const dirs = pathVar.split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  let seenOnPath = false;
  for (const dir of dirs) {
    const candidate = path.join(dir, exe);
    if (!isFile(candidate)) continue;
    seenOnPath = true;
    const found = await tryJava(candidate, 'PATH', timeout);
    if (found.ok) return found;
    problems.push(`${candidate} (on PATH): ${found.problem}`);
  }
  if (!seenOnPath) problems.push(`no ${exe} on PATH`);
  return { ok: false, problems };
}

/** A setting may name the Java home (holding bin/java) or the java executable itself. */
function executableIn(home: string, exe: string): string {
  if (path.basename(home) === exe && isFile(home)) return home;
  return path.join(home, 'bin', exe);
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (p === '~' || p.startsWith('~/'))) return path.join(home, p.slice(1));
  return p;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

type Tried = JavaFound | { ok: false; problem: string };

async function tryJava(executable: string, source: JavaSource, timeoutMs: number): Promise<Tried> {
  if (!isFile(executable)) return { ok: false, problem: `no ${path.basename(executable)} at ${executable}` };
  let output: string;
  try {
    output = await runVersion(executable, timeoutMs);
  } catch (e) {
    return { ok: false, problem: `${executable} -version failed: ${(e as Error).message}` };
  }
  const v = parseJavaVersion(output);
  if (v === undefined) {
    return { ok: false, problem: `${executable} -version printed no Java version (${firstLine(output)})` };
  }
  if (v.major < MINIMUM_JAVA) {
    return { ok: false, problem: `Java ${v.version}, but Java ${MINIMUM_JAVA} or newer is needed` };
  }
  return { ok: true, executable, major: v.major, version: v.version, source };
}

function runVersion(executable: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable, ['-version'], { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const detail = (err as NodeJS.ErrnoException).code === 'EACCES' ? 'not executable' : firstLine(String(stderr)) || err.message;
        reject(new Error(detail));
        return;
      }
      // the runtime prints its version on stderr; some wrappers print it on stdout
      resolve(`${stderr}\n${stdout}`);
    });
  });
}

function firstLine(s: string): string {
  return s.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/**
 * The version in `java -version` output: `openjdk version "17.0.15" 2025-04-15`, `java version "1.8.0_402"`,
 * `openjdk version "21" 2023-09-19`, `openjdk version "23-ea"`.
 */
export function parseJavaVersion(output: string): { major: number; version: string } | undefined {
  const m = /\bversion\s+"([^"]+)"/.exec(output);
  if (!m) return undefined;
  const version = m[1];
  const parts = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!parts) return undefined;
  let major = Number(parts[1]);
  if (major === 1 && parts[2] !== undefined) major = Number(parts[2]);
  return { major, version };
}

/** The message shown when no Java was found. */
export function missingJavaMessage(lookup: JavaMissing): string {
  return `Hielements needs Java ${MINIMUM_JAVA} or newer to start its language server, and found none: `
    + lookup.problems.join('; ')
    + '. Set hielements.java.home to a Java home (the folder holding bin/java), or set JAVA_HOME.';
}
