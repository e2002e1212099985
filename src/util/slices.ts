/**
 * Runs a long computation written as a generator in short slices, so building the index for 100,000
 * units never blocks the main thread for long (a task over 50 ms is a "long task" that typing feels).
 * The generator yields often; the driver checks the clock at each yield.
 */

type Scheduler = { postTask(callback: () => void, options?: { priority?: string }): Promise<unknown> };

/**
 * Queues `callback` as a new task: `scheduler.postTask` (Chromium) has no 4 ms clamp on nested
 * timers, unlike setTimeout. `background` work yields to everything the page has queued.
 */
export function nextTask(
  callback: () => void,
  priority: 'user-visible' | 'background' = 'user-visible',
): void {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(callback, { priority });
  else setTimeout(callback, 0);
}

/** Runs `callback` when the page is idle (at the latest after a second), else as a background task. */
export function whenIdle(callback: () => void): void {
  const idle = (
    globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }
  ).requestIdleCallback;
  if (idle) idle(callback, { timeout: 1000 });
  else nextTask(callback, 'background');
}

/**
 * Steps `steps` to the end in slices of about `sliceMs` each, one task per slice. The first slice
 * runs at once, so work that fits in it completes before this returns (`done` is called then).
 */
export function runInSlices<T>(
  steps: Iterator<void, T>,
  sliceMs: number,
  done: (value: T) => void,
  fail: (error: unknown) => void,
): void {
  const slice = (): void => {
    const until = performance.now() + sliceMs;
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) {
          done(step.value);
          return;
        }
        if (performance.now() >= until) break;
      }
    } catch (error) {
      fail(error);
      return;
    }
    nextTask(slice);
  };
  slice();
}

/** Steps `steps` to the end at once, for work too small (or too urgent) to slice; its result. */
export function runAtOnce<T>(steps: Iterator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
