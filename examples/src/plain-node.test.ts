import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type HostKind, PRESETS } from '@shimkit/os-shim/presets';
import { CONSUMER, ROOT } from './consumer.js';

/** Runs a script in one of the consumer projects (`plain`: only @shimkit/entropy installed). */
function node(project: string, args: string[], script: string) {
  return spawnSync(process.execPath, [...args, '--input-type=module', '-e', script], { cwd: join(CONSUMER, project), encoding: 'utf8', timeout: 30_000 });
}

describe('plain Node, no bundler (installed from the tarballs)', () => {
  it('a project with only @shimkit/entropy installed picks the unix backend, on its native addon prebuild', () => {
    const r = node(
      'plain',
      [],
      `import { randomBytes, status } from '@shimkit/entropy';
       import { status as unix } from '@shimkit/os-unix';
       const b = randomBytes(16);
       console.log(JSON.stringify({ hex: Buffer.from(b).toString('hex'), backend: status().backend, path: unix().path, addon: unix().addon }));`,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { hex: string; backend: string; path: string; addon: { file?: string } };
    expect(out.hex).toMatch(/^[0-9a-f]{32}$/);
    expect(out.backend).toBe('unix');
    expect(out.path).toBe('native');
    expect(out.addon.file).toBe(join(CONSUMER, 'plain', 'node_modules', '@shimkit', 'os-unix', 'prebuilds', `${process.platform}-${process.arch}`, '@shimkit+os-unix.glibc.node'));
  });

  // Hosts that Node can stand in for under the target's condition: the unikernel backends, bound
  // to their host simulators (the unix preset is the plain run above; a WASI component needs its
  // component host, tested in bundles.test.ts). The simulators are test code of the workspace
  // (@shimkit/testkit, never published), imported from there by path; the backend and entropy are
  // the consumer's installed tarballs.
  const testkit = (sub: string): string => JSON.stringify(pathToFileURL(join(ROOT, 'packages', 'testkit', 'dist', sub, 'index.js')).href);
  const SIMULATED: Partial<Record<HostKind, string>> = {
    'xen-abi': `import { XenHostSimulator } from ${testkit('xen')}; import { bindHost } from '@shimkit/os-xen'; bindHost(new XenHostSimulator().host);`,
    'solo5-abi': `import { Solo5HostSimulator } from ${testkit('solo5')}; import { bindHost } from '@shimkit/os-solo5'; bindHost(new Solo5HostSimulator().host);`,
  };
  for (const { name: target, conditions, host } of PRESETS.filter((p) => SIMULATED[p.host] !== undefined)) {
    const setup = SIMULATED[host]!;
    it(`\`node --conditions=${target}\` links the ${target} backend (host ABI from its simulator)`, () => {
      // In an example project, which has @shimkit/os-xen and @shimkit/os-solo5 installed.
      const r = node(
        'rollup',
        [`--conditions=${conditions[0]}`],
        `${setup}
         const e = await import('@shimkit/entropy');
         const hex = Array.from(e.randomBytes(16), (b) => b.toString(16).padStart(2, '0')).join('');
         const st = e.status();
         console.log(JSON.stringify({ hex, backend: st.backend, seededFrom: st.seededFrom, osRandom: st.sources.find((s) => s.name === 'os-random').available }));
         process.exit(0);`,
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { hex: string; backend: string; seededFrom: string[]; osRandom: boolean };
      expect(out.backend).toBe(target);
      expect(out.hex).toMatch(/^[0-9a-f]{32}$/);
      expect(out.osRandom).toBe(false);
      expect(out.seededFrom).not.toContain('os-random');
    });
  }

  it('TypeScript resolves the shim the same way under each customConditions', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(
      join(CONSUMER, 'rollup', 'check.ts'),
      "import { os, type Os } from '@shimkit/os-shim';\nimport { randomBytes } from '@shimkit/entropy';\nconst o: Os = os;\nexport const n: number = randomBytes(4).length + o.cpu.cycles();\n",
    );
    // No condition (Node's default) and each preset's own conditions.
    for (const conditions of [[], ...PRESETS.flatMap((p) => p.conditions.filter((c) => c !== 'node').map((c) => [c]))]) {
      writeFileSync(
        join(CONSUMER, 'rollup', 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, customConditions: conditions, types: [] },
          files: ['check.ts'],
        }),
      );
      const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: join(CONSUMER, 'rollup'), encoding: 'utf8' });
      expect(r.stdout + r.stderr, `customConditions ${JSON.stringify(conditions)}`).toBe('');
      expect(r.status).toBe(0);
    }
  });
});
