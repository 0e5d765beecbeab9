/**
 * `NoEntropyError` (`code: 'ERR_NO_ENTROPY'`): the library could not seed (or, after a VM clone,
 * re-seed) its generator, because no entropy source was available and healthy. It is thrown
 * instead of returning bytes from an unseeded or stale state; nothing is written.
 */

export class NoEntropyError extends Error {
  readonly code = 'ERR_NO_ENTROPY' as const;
  /** What was tried, and how each attempt failed. */
  readonly attempts: readonly string[];
  constructor(backend: string, attempts: readonly string[]) {
    super(
      `@shimkit/entropy could not seed its generator on the ${backend} backend: ${attempts.join('; ')}. ` +
        'No bytes were returned. Check status() for the sources and their health; ' +
        'on a platform without an OS or CPU RNG, the cycle counter must tick (a stuck or coarse ' +
        'counter fails the health tests). You can also seed it yourself with reseed(bytes) ' +
        'from a trusted source.',
    );
    this.name = 'NoEntropyError';
    this.attempts = attempts;
  }
}
