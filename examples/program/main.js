// The example program, for the unix, xen and solo5 targets. It imports only @shimkit/entropy
// and @shimkit/os-shim; the bundler's alias decides which OS backend it runs on.
import { randomBytes, status } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';

const bytes = randomBytes(32);
let hex = '';
for (const b of bytes) hex += (b < 16 ? '0' : '') + b.toString(16);
const st = status();
os.console.log(
  JSON.stringify({
    backend: st.backend,
    random: hex,
    seededFrom: st.seededFrom,
    // Each source the backend provides, with its SP 800-90B health state (or not-tested).
    health: Object.fromEntries(st.sources.filter((s) => s.available).map((s) => [s.name, s.health])),
    sources: st.sources.filter((s) => s.healthy).map((s) => s.name),
  }),
);
os.lifecycle.exit(0);
