import { describe, expect, it } from 'vitest';

/** The vitest project `unix-fallback` sets SHIMKIT_NO_ADDON=1; `unix-native` requires the addon. */
const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

// The native entry only loads with the addon; in the fallback project it must refuse.
describe('the explicit native entry', () => {
  it.runIf(expectNative)('loads and reports the addon', async () => {
    const { os, status } = await import('./index.js');
    const s = status();
    expect(s.path).toBe('native');
    expect(s.addon.loaded).toBe(true);
    expect(s.cycleCounter).toBe(process.arch === 'x64' ? 'rdtsc' : process.arch === 'arm64' ? 'cntvct_el0' : 'clock_gettime');
    expect(s.osRandom).toBe(process.platform === 'linux' ? 'getrandom' : 'getentropy');
    expect(os.main.cycleTrace?.capacity).toBe(4096);
  });

  it.runIf(!expectNative)('throws ERR_ADDON_UNAVAILABLE when the addon is disabled', async () => {
    await expect(import('./index.js')).rejects.toMatchObject({
      code: 'ERR_ADDON_UNAVAILABLE',
      message: expect.stringContaining('SHIMKIT_NO_ADDON=1'),
    });
  });
});
