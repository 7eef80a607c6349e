/** A sleep that a signal (a NOTIFY, or shutdown) can cut short; signals coalesce. */
export class Wakeup {
  private pending = false;
  private release: (() => void) | null = null;

  signal(): void {
    if (this.release) this.release();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.release = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.release = done;
    });
  }
}
