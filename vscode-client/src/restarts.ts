// How often a crashed server is started again: at most a few times within a window, then it stays down until the
// user restarts it by hand ("Hielements: Restart server").

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartBudget {
  private crashes: number[] = [];

  constructor(private readonly max = MAX_RESTARTS, private readonly windowMs = RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now) {}

  /** Records a crash; true when the server should be started again. */
  crashed(): boolean {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.max;
  }

  /** Crashes counted in the current window. */
  get recent(): number {
    const t = this.now();
    return this.crashes.filter((c) => t - c < this.windowMs).length;
  }

  /** A restart by hand starts afresh. */
  reset(): void {
    this.crashes = [];
  }

  describe(): string {
    return `the server crashed ${this.recent} times in ${Math.round(this.windowMs / 60000)} minutes`;
  }
}
