/**
 * Helpers shared by this package's tests (never part of the build: see tsconfig.build.json).
 */

/** Hex of exactly the bytes a view covers. */
export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** `ClassName:code` of what `fn` throws, or undefined when it does not throw. */
export const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code}`;
  }
  return undefined;
};
