// Retry a flaky call with exponential back-off.
export async function retry<T>(
  task: () => Promise<T>,
  attempts = 5,
  delayMs = 200,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(delayMs * 2 ** (attempt - 1));
    }
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
