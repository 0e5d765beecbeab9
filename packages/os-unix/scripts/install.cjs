#!/usr/bin/env node
// Install step of @shimkit/os-unix: use a prebuilt addon when one matches this platform,
// otherwise compile it with node-gyp. A failed build never fails the install: the package then
// runs on its pure-JavaScript fallback, and `status()` reports the path in use and why.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

function prebuiltOrBuilt() {
  try {
    return require('node-gyp-build').path(root);
  } catch {
    return null;
  }
}

function nodeGypCommand() {
  try {
    // The pinned node-gyp of the monorepo (or of the installing project), when there is one.
    return [process.execPath, require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] })];
  } catch {
    if (process.env.npm_config_node_gyp) return [process.execPath, process.env.npm_config_node_gyp];
    return ['node-gyp'];
  }
}

if (process.env.SHIMKIT_SKIP_ADDON_BUILD === '1') {
  console.warn('@shimkit/os-unix: SHIMKIT_SKIP_ADDON_BUILD=1, not building the native addon; the JS fallback will be used.');
  process.exit(0);
}

const existing = prebuiltOrBuilt();
if (existing && process.env.npm_config_build_from_source !== 'true') {
  console.log(`@shimkit/os-unix: using native addon ${path.relative(root, existing)}`);
  process.exit(0);
}

const [cmd, ...args] = nodeGypCommand();
console.log(`@shimkit/os-unix: building the native addon (${[cmd, ...args].map((a) => path.basename(a)).join(' ')} rebuild)`);
const result = spawnSync(cmd, [...args, 'rebuild'], { cwd: root, stdio: 'inherit' });
if (result.status === 0) {
  console.log('@shimkit/os-unix: native addon built.');
} else {
  const why = result.error ? result.error.message : `node-gyp exited with ${result.status ?? result.signal}`;
  console.warn(
    `@shimkit/os-unix: WARNING: the native addon could not be built (${why}). ` +
      'The pure-JavaScript fallback will be used: no RDRAND/RDSEED, no native loop sampling. ' +
      "Check with: node -e \"import('@shimkit/os-unix').then(m => console.log(m.status()))\"",
  );
}
process.exit(0);
