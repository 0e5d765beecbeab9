// The bodies the concurrent-writer test stores (shared by the test and its subprocesses).

/** Writer `w`'s body: `bodyBytes` bytes derived from `w` (its first byte is `w`), so a reader can tell whose it is. */
export function writerBody(w, bodyBytes) {
  const body = new Uint8Array(bodyBytes);
  for (let i = 0; i < bodyBytes; i++) body[i] = (i * 31 + w * 97 + (i >> 8)) & 0xff;
  body[0] = w;
  return body;
}
