import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './probes/report.js';
import { PACKAGE_DIR } from './host/bundles.js';
import { type Chromium, launchChromium } from './host/chromium.js';
import { expectConformance, expectExit, expectSharedMemory, expectSmoke, expectTimer, record } from './host/report-checks.js';
import { type StaticServer, serve } from './host/serve.js';

let browser: Chromium;
let server: StaticServer;
const errors: string[] = [];

beforeAll(async () => {
  server = await serve();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path`, waits for the report the page leaves on `window`, and returns it. */
async function reportFrom(path: string): Promise<RuntimeReport> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
  try {
    await page.goto(`${server.origin}${path}`);
    await page.waitForFunction(() => '__shimkitReport' in window || '__shimkitError' in window, undefined, { timeout: 90_000 });
    const error = await page.evaluate(() => (window as { __shimkitError?: string }).__shimkitError);
    expect(error).toBeUndefined();
    return (await page.evaluate(() => (window as { __shimkitReport?: unknown }).__shimkitReport)) as RuntimeReport;
  } finally {
    await page.close();
  }
}

describe.each([
  ['page', '/page.html', false],
  ['Web Worker', '/worker.html', false],
  ['cross-origin-isolated page', '/isolated/page.html', true],
] as const)('Chromium %s (Debian chromium via playwright-core)', (label, path, isolated) => {
  let report: RuntimeReport;

  beforeAll(async () => {
    report = await reportFrom(path);
    record(`chromium-${label.replace(/ /g, '-').toLowerCase()}`, { version: browser.version, ...report });
  });

  it('runs in the Chromium the setup script installs, isolated as served', () => {
    expect(browser.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    // The user agent string is reduced to the major version.
    expect(report.runtime).toContain(`HeadlessChrome/${browser.version.split('.')[0]}.0.0.0`);
    expect(report.crossOriginIsolated).toBe(isolated);
  });

  it('lifecycle.exit throws WebExitError where the program cannot be ended', () => expectExit(report, label !== 'Web Worker'));
  it('passes the os-shim conformance suite', () => expectConformance(report));

  it('fills SharedArrayBuffer views through the bounce buffer (Chromium rejects them; only isolated pages have them)', () =>
    expectSharedMemory(report, isolated ? { available: true, directCall: 'TypeError' } : { available: false }));
  it('runs the entropy smoke test', () => void expectSmoke(report));

  it('credits no timing source on the coarsened 100 µs clock; on the isolated 5 µs clock the loop timer assesses above twice its claim', () => {
    const settled = expectSmoke(report).statusSettled;
    const source = (name: string) => settled.sources.find((s) => s.name === name)!;
    expect(settled.seededFrom).toEqual(['os-random']);
    if (isolated) {
      expect(source('loop-timer')).toMatchObject({ health: 'healthy', assessment: { claimedEntropy: 1, passed: true } });
    } else {
      // Refused by the start-up assessment (estimate < 2 × the 1 bit claimed), or earlier by a health test.
      expect(source('loop-timer')).toMatchObject({ healthy: false, bytesFed: 0 });
      expect(['permanent', 'startup']).toContain(source('loop-timer').health);
    }
    expect(source('bootstrap')).toMatchObject({ healthy: false, bytesFed: 0 });
  });

  it('measures performance.now() granularity: coarsened, finer when isolated', () => {
    expectTimer(report);
    // Chromium: 100 µs, or 5 µs cross-origin isolated (plus jitter, so steps are multiples of it).
    if (isolated) expect(report.timer.minStepUs).toBeLessThan(100);
    else expect(report.timer.minStepUs).toBeGreaterThanOrEqual(5);
  });
});

describe('the demo page', () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(`demo: ${error.message}`));
    await page.goto(`${server.origin}/demo.html`);
    await page.waitForFunction(() => Number(document.body.dataset.ticks) >= 4, undefined, { timeout: 30_000 });
  });

  it('shows status() and live random output, and a screenshot is saved under screenshots/', async () => {
    const summary = await page.textContent('#summary');
    expect(summary).toMatch(/^backend web · seeded from .*os-random/);
    const sources = (await page.textContent('#sources')) ?? '';
    expect(sources).toMatch(/^os-random +available=true +healthy=true /m);
    const first = (await page.textContent('#random')) ?? '';
    const lines = first.split('\n');
    expect(lines.slice(0, 8).every((l) => /^[0-9a-f]{64}$/.test(l))).toBe(true);
    expect(new Set(lines).size).toBe(9);
    await page.waitForFunction((before) => document.getElementById('random')?.textContent !== before, first, { timeout: 10_000 });
    const dir = join(PACKAGE_DIR, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const png = await page.screenshot({ path: join(dir, 'demo-chromium.png') });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('no page or worker raised an uncaught error', () => {
    expect(errors).toEqual([]);
  });
});
