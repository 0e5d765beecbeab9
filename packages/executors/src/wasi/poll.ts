/**
 * `poll_oneoff` (wasi_snapshot_preview1.witx). Clock subscriptions (relative, or absolute with
 * `subscription_clock_abstime`) on the injected clock: the host sleeps until the earliest one
 * is due and reports every due clock event. `fd_read` / `fd_write` subscriptions on the standard
 * streams and on files are always ready (no descriptor here ever blocks): `nbytes` is what a
 * read would return now; an unknown descriptor is an event with `EBADF`, a missing
 * `POLL_FD_READWRITE` right `ENOTCAPABLE`. No subscriptions is `EINVAL`.
 *
 * Sleeping never passes the call's deadline: the host sleeps to the deadline and ends the call
 * as a timeout.
 */

import { FunctionFault } from '../result.js';
import { Eventtype, Rights, Size, Subclockflags } from './constants.js';
import { readClock } from './clocks.js';
import { type HostFn, syscall, type WasiContext } from './context.js';
import { Errno, ErrnoError, fail } from './errno.js';

interface Ev {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
}

export function pollImports(ctx: WasiContext): Record<string, HostFn> {
  const { mem, fds } = ctx;
  return {
    poll_oneoff: syscall((inPtr: number, outPtr: number, n: number, neventsPtr: number) => {
      if (n === 0) fail(Errno.INVAL);
      mem.bytes(inPtr, n * Size.SUBSCRIPTION);
      mem.bytes(outPtr, n * Size.EVENT);
      const ready: Ev[] = [];
      const clocks: { userdata: bigint; waitNs: bigint }[] = [];
      for (let i = 0; i < n; i++) {
        const s = inPtr + i * Size.SUBSCRIPTION;
        const userdata = mem.getU64(s);
        const tag = mem.getU8(s + 8);
        if (tag === Eventtype.CLOCK) {
          const id = mem.getU32(s + 16);
          const timeout = mem.getU64(s + 24);
          const flags = mem.getU16(s + 40);
          let now: bigint;
          try {
            now = readClock(ctx, id);
          } catch (e) {
            ready.push({ userdata, error: (e as ErrnoError).errno, type: tag, nbytes: 0n });
            continue;
          }
          const waitNs = flags & Subclockflags.SUBSCRIPTION_CLOCK_ABSTIME ? timeout - now : timeout;
          clocks.push({ userdata, waitNs: waitNs < 0n ? 0n : waitNs });
        } else if (tag === Eventtype.FD_READ || tag === Eventtype.FD_WRITE) {
          const fd = mem.getU32(s + 16);
          let error: number = Errno.SUCCESS;
          let nbytes = 0n;
          try {
            const d = fds.get(fd, Rights.POLL_FD_READWRITE);
            if (tag === Eventtype.FD_READ) {
              if (d.kind === 'stdio') nbytes = BigInt(d.stream === 0 ? ctx.stdin.length - ctx.stdinPos : 0);
              else if (d.kind === 'file') {
                const size = d.handle.stat().size;
                nbytes = size > d.offset ? size - d.offset : 0n;
              }
            }
          } catch (e) {
            if (!(e instanceof ErrnoError)) throw e;
            error = e.errno;
          }
          ready.push({ userdata, error, type: tag, nbytes });
        } else fail(Errno.INVAL);
      }
      if (ready.length === 0 && clocks.length > 0) {
        const wait = clocks.reduce((m, c) => (c.waitNs < m ? c.waitNs : m), clocks[0]!.waitNs);
        if (wait > 0n) {
          if (ctx.deadlineNs !== undefined) {
            const left = ctx.deadlineNs - ctx.clock.monotonicNs();
            if (wait > left) {
              if (left > 0n) ctx.sleep(left);
              throw new FunctionFault('timeout', 'the call passed its deadline while sleeping in poll_oneoff');
            }
          }
          ctx.sleep(wait);
        }
        for (const c of clocks) if (c.waitNs <= wait) ready.push({ userdata: c.userdata, error: 0, type: Eventtype.CLOCK, nbytes: 0n });
      }
      ready.forEach((e, i) => {
        const p = outPtr + i * Size.EVENT;
        mem.bytes(p, Size.EVENT).fill(0);
        mem.u64(p, e.userdata);
        mem.u16(p + 8, e.error);
        mem.u8(p + 10, e.type);
        mem.u64(p + 16, e.nbytes);
      });
      mem.u32(neventsPtr, ready.length);
    }),
  };
}
