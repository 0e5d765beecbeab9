import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Solo5HostSimulator } from '@shimkit/testkit/solo5';

type Index = typeof import('./index.js');
let mod: Index;

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__shimkitSolo5Host;
  mod = await import('./index.js');
});

describe('binding the host ABI', () => {
  it('importing needs no host; first use without one throws ERR_NO_HOST', () => {
    expect(mod.os.name).toBe('solo5');
    expect(() => mod.os.time).toThrow(expect.objectContaining({ code: 'ERR_NO_HOST' }));
  });

  it('takes the host from globalThis.__shimkitSolo5Host', () => {
    const sim = new Solo5HostSimulator({ cmdline: 'from-global' });
    (globalThis as Record<string, unknown>)[mod.HOST_GLOBAL] = sim.host;
    expect(mod.os.env.argv()).toEqual(['from-global']);
    expect(mod.status().backend).toBe('solo5');
  });

  it('bindHost wins, and cannot rebind once the backend is in use', () => {
    const sim = new Solo5HostSimulator({ cmdline: 'bound' });
    mod.bindHost(sim.host);
    expect(mod.os.env.argv()).toEqual(['bound']);
    expect(() => mod.bindHost(sim.host)).toThrow(expect.objectContaining({ code: 'ERR_HOST_BOUND' }));
  });

  it('rejects a host that does not have the ABI shape', () => {
    const { host } = new Solo5HostSimulator();
    expect(() => mod.bindHost({} as never)).toThrow(expect.objectContaining({ code: 'ERR_HOST_ABI' }));
    expect(() => mod.bindHost({ ...host, solo5_yield: undefined } as never)).toThrow('host.solo5_yield must be a function');
    expect(() => mod.bindHost({ ...host, rdseed: 'x' } as never)).toThrow('host.rdseed must be a function or absent');
    expect(() => mod.bindHost({ ...host, cmdline: 'a' } as never)).toThrow('host.cmdline must be a Uint8Array');
  });
});
