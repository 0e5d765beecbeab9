// A program that is built into a V8 startup snapshot (a test fixture, not part of the build):
// it registers an onClone hook and draws from the OS random source while the snapshot is being
// built, then prints, in each process started from the snapshot, what the hook saw, the path,
// the bytes drawn at build time and fresh bytes. See src/snapshot.test.ts.
import { startupSnapshot } from 'node:v8';
import { os, status } from '@shimkit/os-unix';
const fired = [];
os.lifecycle.onClone((kind) => fired.push(kind));
const at = new Uint8Array(8);
os.random.fill(at);
startupSnapshot.setDeserializeMainFunction(() => {
  const now = new Uint8Array(8);
  os.random.fill(now);
  const s = status();
  process.stdout.write(JSON.stringify({ fired, path: s.path, reason: s.addon.reason, built: Buffer.from(at).toString('hex'), now: Buffer.from(now).toString('hex') }) + '\n');
});
