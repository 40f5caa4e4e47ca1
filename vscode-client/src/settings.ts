// The hielements.* settings the server reads, and workspace trust: in a workspace VS Code does not trust, process
// plugins never start (allowProcess is false whatever the settings say); WASM plugins still run. Knows nothing of
// VS Code: it reads settings through a getter.

/** Reads one setting of the `hielements` section ("diagnostics.delay"); undefined when not set. */
export type SettingGetter = (key: string) => unknown;

/** What the server reads (the `hielements` section, as the server's SettingsReader expects it). */
export interface ServerSettings {
  diagnostics: { delay: number };
  checks: { onChange: boolean };
  plugins: { allowProcess: boolean };
}

export const DEFAULT_DIAGNOSTICS_DELAY = 200;
export const MAX_DIAGNOSTICS_DELAY = 10000;

/** Process plugins may start only in a trusted workspace, and only when the setting does not forbid them. */
export function allowProcess(get: SettingGetter, trusted: boolean): boolean {
  return trusted && get('plugins.allowProcess') !== false;
}

export function serverSettings(get: SettingGetter, trusted: boolean): ServerSettings {
  const delay = get('diagnostics.delay');
  return {
    diagnostics: {
      delay: typeof delay === 'number' && Number.isFinite(delay)
        ? Math.max(0, Math.min(Math.round(delay), MAX_DIAGNOSTICS_DELAY))
        : DEFAULT_DIAGNOSTICS_DELAY,
    },
    checks: { onChange: get('checks.onChange') === true },
    plugins: { allowProcess: allowProcess(get, trusted) },
  };
}

/**
 * What the server is sent: the initialize request's initializationOptions, and the settings of every
 * workspace/didChangeConfiguration. The server keeps what it was last told of trust, so both always say it.
 */
export function initializationOptions(get: SettingGetter, trusted: boolean): Record<string, unknown> {
  return { trustedWorkspace: trusted, hielements: serverSettings(get, trusted) };
}

/**
 * Corrects the answer to a `workspace/configuration` request so that it never lets a process plugin start in an
 * untrusted workspace: VS Code answers with the settings as written, trust aside. `sections` are the requested
 * items' sections, `values` the answers in the same order. Items of other sections are left alone.
 */
export function applyTrust(sections: readonly (string | undefined)[], values: readonly unknown[],
  get: SettingGetter, trusted: boolean): unknown[] {
  const settings = serverSettings(get, trusted);
  return values.map((value, i) => {
    const section = sections[i];
    if (section === 'hielements') return { ...asObject(value), ...sectionOf(settings), trustedWorkspace: trusted };
    if (section === 'hielements.plugins') return { ...asObject(value), allowProcess: settings.plugins.allowProcess };
    if (section === 'hielements.plugins.allowProcess') return settings.plugins.allowProcess;
    if (section === undefined || section === '') {
      const all = asObject(value);
      return { ...all, trustedWorkspace: trusted, hielements: { ...asObject(all.hielements), ...sectionOf(settings) } };
    }
    return value;
  });
}

function sectionOf(settings: ServerSettings): Record<string, unknown> {
  return { diagnostics: settings.diagnostics, checks: settings.checks, plugins: settings.plugins };
}

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
}

/** Settings whose change needs the server started again (the others are sent to the running server). */
export const RESTART_SETTINGS = ['hielements.java.home', 'hielements.server.jvmArgs'];
