#!/usr/bin/env node
// Build step of @shimkit/os-unix: refresh prebuilds/<platform>-<arch>/ with prebuildify (N-API, tagged by libc,
// stripped), so the packed tarball carries a prebuilt addon for this platform and installs
// without a compiler. If the addon cannot be built here (no compiler), the build goes on without
// a prebuild — the package still works on its JS fallback — and says so.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bin = require.resolve('prebuildify/bin.js', { paths: [root] });
// A stale prebuild (another tag, an older name) must never ship beside the fresh one.
require('node:fs').rmSync(path.join(root, 'prebuilds'), { recursive: true, force: true });
const r = spawnSync(process.execPath, [bin, '--napi', '--strip', '--tag-libc'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status === 0) console.log('@shimkit/os-unix: prebuilds/ refreshed (prebuildify --napi --strip --tag-libc)');
else console.warn(`@shimkit/os-unix: WARNING: prebuildify failed (${r.status ?? r.signal}); no prebuild in this build`);
