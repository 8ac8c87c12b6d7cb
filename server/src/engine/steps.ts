// Long work as generators that yield between pieces (a parse unit, a block):
// run straight through by the CLI and the tests, or in time slices by the
// language server, which stops when the result is no longer wanted.

export type Steps<T> = Generator<void, T, void>;

/** Run to the end at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const nextTurn: () => Promise<void> =
  typeof setImmediate === 'function' ? () => new Promise((resolve) => setImmediate(resolve)) : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Run in slices of about `sliceMs`, giving the event loop a turn between them
 * (so requests and cancellations are read); undefined as soon as
 * `stillWanted()` says no after a turn.
 */
export async function inSlices<T>(steps: Steps<T>, stillWanted: () => boolean, sliceMs = 20): Promise<T | undefined> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      if (!stillWanted()) {
        steps.return(undefined as T);
        return undefined;
      }
      sliceStart = performance.now();
    }
  }
}
