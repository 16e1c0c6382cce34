// Waiting for a condition instead of sleeping or timing: the condition is polled until it
// holds, under a generous ceiling that is there only to end a hung test, and a wait that
// runs out fails saying which condition never held (and, with `describe`, what was seen last).

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `condition` (sync or async; a truthy result ends the wait and is returned) every
// `intervalMs` until `timeoutMs` passed. `what` names the condition in the failure;
// `describe()` may add what the last poll saw. An exception from the condition propagates.
export async function waitFor(condition, { timeoutMs = 30_000, intervalMs = 50, what = 'the condition', describe } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await condition();
    if (result) return result;
    if (Date.now() >= deadline) {
      const seen = describe ? `; last seen: ${await describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await sleep(intervalMs);
  }
}

// Resolves as `promise` does, or fails naming `what` when it has not settled after `timeoutMs`
// (its timer is cleared either way, so it never holds the test process open).
export async function withCeiling(promise, { timeoutMs = 30_000, what = 'the operation' } = {}) {
  let timer;
  const ceiling = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, ceiling]);
  } finally {
    clearTimeout(timer);
  }
}
