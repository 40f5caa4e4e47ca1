// The status bar's text: the last check run's summary (passed / failed / errors), as the server's
// hielements.runChecks command returns it.

export interface RunSummary {
  passed: number;
  failed: number;
  errors: number;
  cancelled: boolean;
}

/** Reads the server's answer to hielements.runChecks; undefined when it is not a summary. */
export function parseSummary(raw: unknown): RunSummary | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const n = (k: string) => (typeof o[k] === 'number' && Number.isInteger(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : undefined);
  const passed = n('passed');
  const failed = n('failed');
  const errors = n('errors');
  if (passed === undefined || failed === undefined || errors === undefined) return undefined;
  return { passed, failed, errors, cancelled: o.cancelled === true };
}

export interface StatusView {
  /** The status bar text, with codicons. */
  text: string;
  tooltip: string;
  /** 'error' when a check failed or errored, 'ok' when all passed, 'none' when nothing ran. */
  severity: 'ok' | 'error' | 'none';
}

/** `what`: the run's target ("workspace", or a file name). */
export function statusView(s: RunSummary, what: string): StatusView {
  const total = s.passed + s.failed + s.errors;
  const counts = `${s.passed} passed, ${s.failed} failed, ${s.errors} errors`;
  const icon = s.failed + s.errors > 0 ? '$(error)' : total > 0 ? '$(pass)' : '$(circle-slash)';
  return {
    text: `${icon} Hielements: ${counts}${s.cancelled ? ' (cancelled)' : ''}`,
    tooltip: `Last check run (${what}): ${total} checks, ${counts}${s.cancelled ? ', cancelled' : ''}. Click to open the Problems view.`,
    severity: s.failed + s.errors > 0 ? 'error' : total > 0 ? 'ok' : 'none',
  };
}
