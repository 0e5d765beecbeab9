import { afterEach, describe, expect, it } from 'vitest';
import { HostAbiError } from './errors.js';
import { createHostBinding, hostMembers, optionalFunctions, requireBytes, requireFunctions } from './host-binding.js';

const abi = { platform: 'Test', packageName: '@shimkit/os-test', hostGlobal: '__shimkitTestHost', hostInterface: 'TestHost' };

interface TestHost {
  tick(): number;
  readonly cmdline: Uint8Array;
}

function check(host: unknown): TestHost {
  const h = hostMembers(host, 'Test');
  requireFunctions(h, ['tick']);
  optionalFunctions(h, ['rdrand']);
  requireBytes(h, 'cmdline');
  return host as TestHost;
}

const host = (n: number): TestHost => ({ tick: () => n, cmdline: new Uint8Array(0) });
const binding = () => createHostBinding({ abi, check, create: (h: TestHost) => ({ n: h.tick() }) });

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__shimkitTestHost;
});

describe('createHostBinding', () => {
  it('without a host, first use throws ERR_NO_HOST naming how to install one', () => {
    expect(() => binding().current()).toThrow(
      expect.objectContaining({
        name: 'HostMissingError',
        code: 'ERR_NO_HOST',
        message:
          'No Test host ABI is installed: the embedding must call bindHost(host) from "@shimkit/os-test", ' +
          'or set globalThis.__shimkitTestHost, before the backend is first used (see the TestHost interface).',
      }),
    );
  });

  it('takes the host from the global, creates the backend once, and bindHost wins over the global', () => {
    (globalThis as Record<string, unknown>).__shimkitTestHost = host(1);
    const fromGlobal = binding();
    expect(fromGlobal.current()).toEqual({ n: 1 });
    expect(fromGlobal.current()).toBe(fromGlobal.current());
    const bound = binding();
    bound.bindHost(host(2));
    bound.bindHost(host(3)); // rebinding before first use is allowed
    expect(bound.current()).toEqual({ n: 3 });
    expect(() => bound.bindHost(host(4))).toThrow(
      expect.objectContaining({
        name: 'HostAlreadyBoundError',
        code: 'ERR_HOST_BOUND',
        message: 'The Test host ABI is already bound and in use; bindHost must be called once, before first use.',
      }),
    );
  });

  it('checks the shape with messages that name the member', () => {
    const b = binding();
    expect(() => b.bindHost(null as never)).toThrow(new HostAbiError('the Test host ABI must be an object'));
    expect(() => b.bindHost({ cmdline: new Uint8Array(0) } as never)).toThrow('host.tick must be a function');
    expect(() => b.bindHost({ ...host(1), rdrand: 1 } as never)).toThrow('host.rdrand must be a function or absent');
    expect(() => b.bindHost({ tick: () => 1, cmdline: [] } as never)).toThrow('host.cmdline must be a Uint8Array');
    expect(() => b.bindHost({} as never)).toThrow(expect.objectContaining({ code: 'ERR_HOST_ABI', name: 'HostAbiError' }));
    (globalThis as Record<string, unknown>).__shimkitTestHost = 'not a host';
    expect(() => b.current()).toThrow(expect.objectContaining({ code: 'ERR_HOST_ABI' }));
  });
});
