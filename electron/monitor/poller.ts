/**
 * Runs an async task over and over at a pace that may change between runs, never two at once, and can be poked to
 * run at once (an OBS stream event should not wait for the next tick). A slow run delays the next instead of piling
 * runs up; a task that throws does not stop the loop (the monitor's tasks catch their own errors, this is the
 * backstop).
 */
export class Poller {
  readonly #task: () => Promise<void>;
  readonly #intervalMs: () => number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #pokedWhileRunning = false;
  #stopped = true;

  /** `intervalMs` is read after each run, measured from that run's start. */
  constructor(task: () => Promise<void>, intervalMs: () => number) {
    this.#task = task;
    this.#intervalMs = intervalMs;
  }

  /** Runs the task now, then keeps going. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.poke();
  }

  /** Runs the task as soon as possible: now, or right after the run in progress. */
  poke(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#pokedWhileRunning = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.#run();
  }

  /** Stops scheduling and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #run(): Promise<void> {
    const started = Date.now();
    try {
      await this.#task();
    } catch {
      // The task reports its own failures; the loop must survive anything.
    }
    this.#running = null;
    if (this.#stopped) return;
    if (this.#pokedWhileRunning) {
      this.#pokedWhileRunning = false;
      this.poke();
      return;
    }
    const wait = Math.max(0, this.#intervalMs() - (Date.now() - started));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#running = this.#run();
    }, wait);
  }
}
