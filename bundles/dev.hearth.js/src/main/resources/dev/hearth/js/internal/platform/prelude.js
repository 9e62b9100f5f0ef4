// Runs first: takes what the platform needs from the engine's own globals, then removes them.
const G = globalThis;
const setRejectionHandler = G.Graal && G.Graal.setUnhandledPromiseRejectionHandler;
for (const name of ['Java', 'Graal', 'Polyglot', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu',
    'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline', 'arguments']) {
  try { delete G[name]; } catch (e) { /* not configurable */ }
}
const define = (name, value) => Object.defineProperty(G, name, { value, writable: true, configurable: true, enumerable: false });
const hostCall = host;

// Byte strings (one char per byte) are how bytes cross to the host and back.
function bytesToLatin1(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + 8192, bytes.length)));
  }
  return out;
}
function latin1ToBytes(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('expected an ArrayBuffer or a typed array');
}
