import { expect, it } from 'vitest';

it('the unlinked entry throws ERR_NO_BACKEND when evaluated', async () => {
  await expect(import('./index.js')).rejects.toMatchObject({
    name: 'NoBackendError',
    code: 'ERR_NO_BACKEND',
    message: expect.stringContaining('Backends: unix → @shimkit/os-unix, xen → @shimkit/os-xen'),
  });
});
