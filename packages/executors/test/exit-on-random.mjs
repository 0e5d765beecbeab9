// Sources for the pool's fault test: the worker thread's random source ends the thread
// (process.exit in a worker stops that thread only), so a guest that calls random_get kills the
// worker running it mid-call. A guest that never asks for randomness is unaffected.
export const random = {
  fill() {
    process.exit(7);
  },
};
