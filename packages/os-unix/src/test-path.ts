/**
 * Which os-unix path a test run is on: the vitest project `unix-fallback` sets
 * `SHIMKIT_NO_ADDON=1`; `unix-native` leaves it unset and requires the addon.
 */
export const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';
