/**
 * The byte layout of Xen's `struct shared_info` for x86-64 guests, as defined by
 * `xen/include/public/xen.h` and `xen/include/public/arch-x86/xen.h` / `xen-x86_64.h`.
 * These offsets ARE the ABI: the hypervisor writes the page with them. All fields are
 * little-endian.
 *
 * ```
 * struct vcpu_time_info {              // 32 bytes
 *   uint32_t version;                  //  0  seqlock: odd while Xen updates the record
 *   uint32_t pad0;                     //  4
 *   uint64_t tsc_timestamp;            //  8  TSC when system_time was taken
 *   uint64_t system_time;              // 16  ns since boot at tsc_timestamp
 *   uint32_t tsc_to_system_mul;        // 24  ns per TSC tick, 0.32 fixed point (after shift)
 *   int8_t   tsc_shift;                // 28  pre-shift of the TSC delta (negative: right)
 *   uint8_t  flags;                    // 29  XEN_PVCLOCK_TSC_STABLE_BIT (1), _GUEST_STOPPED (2)
 *   uint8_t  pad1[2];                  // 30
 * };
 * struct arch_vcpu_info { unsigned long cr2; unsigned long pad; };   // 16 bytes (x86-64)
 * struct vcpu_info {                   // 64 bytes
 *   uint8_t evtchn_upcall_pending;     //  0
 *   uint8_t evtchn_upcall_mask;        //  1
 *   xen_ulong_t evtchn_pending_sel;    //  8
 *   struct arch_vcpu_info arch;        // 16
 *   struct vcpu_time_info time;        // 32
 * };
 * struct shared_info {
 *   struct vcpu_info vcpu_info[32];    //    0  XEN_LEGACY_MAX_VCPUS = 32, 32 * 64 = 2048
 *   xen_ulong_t evtchn_pending[64];    // 2048  sizeof(xen_ulong_t) * 8 words = 4096 port bits
 *   xen_ulong_t evtchn_mask[64];       // 2560
 *   uint32_t wc_version;               // 3072  seqlock of the wall-clock base
 *   uint32_t wc_sec;                   // 3076  wall clock at system time 0: seconds (low 32)
 *   uint32_t wc_nsec;                  // 3080  ... nanoseconds
 *   uint32_t wc_sec_hi;                // 3084  ... seconds, high 32 bits (not on i386)
 *   struct arch_shared_info arch;      // 3088  (max_pfn, p2m list, nmi_reason, ...: unused here)
 * };
 * ```
 */

/** Size of the page that holds `struct shared_info`. */
export const SHARED_INFO_SIZE = 4096;
/** XEN_LEGACY_MAX_VCPUS on x86. */
export const LEGACY_MAX_VCPUS = 32;
/** sizeof(struct vcpu_info) on x86-64. */
export const VCPU_INFO_SIZE = 64;

export const VCPU_INFO = {
  evtchnUpcallPending: 0,
  evtchnUpcallMask: 1,
  evtchnPendingSel: 8,
  arch: 16,
  time: 32,
} as const;

/** Offsets inside `struct vcpu_time_info`. */
export const TIME_INFO = {
  version: 0,
  pad0: 4,
  tscTimestamp: 8,
  systemTime: 16,
  tscToSystemMul: 24,
  tscShift: 28,
  flags: 29,
  size: 32,
} as const;

/** `XEN_PVCLOCK_TSC_STABLE_BIT`: the TSC is synchronised across vCPUs and never goes back. */
export const PVCLOCK_TSC_STABLE_BIT = 1;
/** `XEN_PVCLOCK_GUEST_STOPPED`: the guest was paused (e.g. for migration). */
export const PVCLOCK_GUEST_STOPPED = 2;

/** Offsets inside `struct shared_info`. */
export const SHARED_INFO = {
  vcpuInfo: 0,
  evtchnPending: LEGACY_MAX_VCPUS * VCPU_INFO_SIZE, // 2048
  evtchnMask: LEGACY_MAX_VCPUS * VCPU_INFO_SIZE + 64 * 8, // 2560
  wcVersion: 3072,
  wcSec: 3076,
  wcNsec: 3080,
  wcSecHi: 3084,
  arch: 3088,
} as const;

/** Offset of `vcpu_info[vcpu].time` in the page. */
export function timeInfoOffset(vcpu: number): number {
  return SHARED_INFO.vcpuInfo + vcpu * VCPU_INFO_SIZE + VCPU_INFO.time;
}

/** Offset of `vcpu_info[vcpu]` in the page. */
export function vcpuInfoOffset(vcpu: number): number {
  return SHARED_INFO.vcpuInfo + vcpu * VCPU_INFO_SIZE;
}
