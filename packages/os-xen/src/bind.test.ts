import { beforeEach, describe, expect, it, vi } from 'vitest';
import { XenHostSimulator } from '@shimkit/testkit/xen';

type Index = typeof import('./index.js');
let mod: Index;

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__shimkitXenHost;
  mod = await import('./index.js');
});

describe('binding the host ABI', () => {
  it('importing needs no host; first use without one throws ERR_NO_HOST', () => {
    expect(mod.os.name).toBe('xen');
    expect(() => mod.os.time).toThrow(expect.objectContaining({ code: 'ERR_NO_HOST' }));
  });

  it('takes the host from globalThis.__shimkitXenHost', () => {
    const sim = new XenHostSimulator({ cmdLine: 'from-global' });
    (globalThis as Record<string, unknown>)[mod.HOST_GLOBAL] = sim.host;
    expect(mod.os.env.argv()).toEqual(['from-global']);
    expect(mod.status().backend).toBe('xen');
  });

  it('bindHost wins, and cannot rebind once the backend is in use', () => {
    const sim = new XenHostSimulator({ cmdLine: 'bound' });
    mod.bindHost(sim.host);
    expect(mod.os.env.argv()).toEqual(['bound']);
    expect(() => mod.bindHost(sim.host)).toThrow(expect.objectContaining({ code: 'ERR_HOST_BOUND' }));
  });

  it('rejects a host that does not have the ABI shape', () => {
    const { host } = new XenHostSimulator();
    expect(() => mod.bindHost({} as never)).toThrow(expect.objectContaining({ code: 'ERR_HOST_ABI' }));
    expect(() => mod.bindHost({ ...host, sharedInfo: new DataView(new ArrayBuffer(64)) })).toThrow(/4096-byte/);
    expect(() => mod.bindHost({ ...host, sched_op_block: undefined } as never)).toThrow('host.sched_op_block must be a function');
    expect(() => mod.bindHost({ ...host, rdrand: 1 } as never)).toThrow('host.rdrand must be a function or absent');
    expect(() => mod.bindHost({ ...host, timerPort: 4096 })).toThrow(/timerPort/);
  });
});
