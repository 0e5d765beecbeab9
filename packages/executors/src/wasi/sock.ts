/**
 * `sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown` (wasi_snapshot_preview1.witx). This
 * host hands the guest no sockets, so every descriptor that exists is not a socket (`ENOTSOCK`,
 * as wasmtime answers for files) and any other number is `EBADF`.
 */

import { type HostFn, syscall, type WasiContext } from './context.js';
import { Errno } from './errno.js';

export function sockImports(ctx: WasiContext): Record<string, HostFn> {
  const notSock = (fd: number) => {
    ctx.fds.get(fd);
    return Errno.NOTSOCK;
  };
  return {
    sock_accept: syscall((fd: number) => notSock(fd)),
    sock_recv: syscall((fd: number) => notSock(fd)),
    sock_send: syscall((fd: number) => notSock(fd)),
    sock_shutdown: syscall((fd: number) => notSock(fd)),
  };
}
