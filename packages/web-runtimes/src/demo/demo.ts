/**
 * The demo page: `@shimkit/entropy` on os-web in the browser. Shows `status()` (backend, seed
 * sources, each source's health) and random output that refreshes every 250 ms.
 */

import { initialize, randomBytes, randomUUID, status } from '@shimkit/entropy';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

initialize();
let ticks = 0;
function render(): void {
  const s = status();
  byId('summary').textContent = `backend ${s.backend} · seeded from ${s.seededFrom.join(' + ')} · reseeds ${s.fortuna.reseedCount} pool / ${s.fortuna.directReseeds} direct`;
  byId('sources').textContent = s.sources
    .map((src) => `${src.name.padEnd(18)} available=${String(src.available).padEnd(5)} healthy=${String(src.healthy).padEnd(5)} health=${src.health.padEnd(10)} samples=${src.samples}  ${src.detail}`)
    .join('\n');
  const lines = Array.from({ length: 8 }, () => hex(randomBytes(32)));
  lines.push(randomUUID());
  byId('random').textContent = lines.join('\n');
  byId('ticks').textContent = String(++ticks);
  document.body.dataset.ticks = String(ticks);
}
render();
setInterval(render, 250);
