// ChaCha20-Poly1305 (RFC 8439), the AEAD of the submission suite (docs/submission-format.md §3).
// WebCrypto has no ChaCha20-Poly1305, so the page carries this one, written for the project and tested
// against Python's `cryptography` (tests/sync/capture/test_page_crypto.py). Encryption only: the page never
// decrypts. Poly1305 uses BigInt, which is exact; its speed is in docs/benchmarks.md.

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]; // "expand 32-byte k"

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error("ChaCha20 here needs a little-endian platform");
}

function rotl(v, n) {
  return (v << n) | (v >>> (32 - n));
}

function words(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(4 * i, true);
  return out;
}

// One 64-byte keystream block for (key words, counter, nonce words), written into `out` (Uint32Array(16)).
function block(key, counter, nonce, out) {
  const s = new Uint32Array(16);
  s.set(SIGMA, 0);
  s.set(key, 4);
  s[12] = counter;
  s.set(nonce, 13);
  const x = Uint32Array.from(s);
  const qr = (a, b, c, d) => {
    x[a] += x[b]; x[d] = rotl(x[d] ^ x[a], 16);
    x[c] += x[d]; x[b] = rotl(x[b] ^ x[c], 12);
    x[a] += x[b]; x[d] = rotl(x[d] ^ x[a], 8);
    x[c] += x[d]; x[b] = rotl(x[b] ^ x[c], 7);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
    qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
  }
  for (let i = 0; i < 16; i++) out[i] = x[i] + s[i];
}

// ChaCha20 with a 32-byte key and a 12-byte nonce, starting at block `counter`; returns a new array.
export function chacha20(key, nonce, counter, input) {
  const k = words(key);
  const n = words(nonce);
  const out = new Uint8Array(input.length);
  const stream = new Uint32Array(16);
  const streamBytes = new Uint8Array(stream.buffer);
  for (let pos = 0, c = counter; pos < input.length; pos += 64, c++) {
    block(k, c >>> 0, n, stream);
    const end = Math.min(64, input.length - pos);
    for (let i = 0; i < end; i++) out[pos + i] = input[pos + i] ^ streamBytes[i];
  }
  return out;
}

const P = (1n << 130n) - 5n;
const CLAMP = 0x0ffffffc0ffffffc0ffffffc0fffffffn;
const MASK128 = (1n << 128n) - 1n;

function le128(view, offset) {
  return view.getBigUint64(offset, true) | (view.getBigUint64(offset + 8, true) << 64n);
}

// Poly1305 over the concatenation of `chunks` (Uint8Arrays), each padded to 16 bytes as RFC 8439 §2.8
// pads AAD and ciphertext, followed by `tail` (the 16-byte lengths block).
function poly1305(oneTimeKey, chunks) {
  const kv = new DataView(oneTimeKey.buffer, oneTimeKey.byteOffset, 32);
  const r = le128(kv, 0) & CLAMP;
  const s = le128(kv, 16);
  let acc = 0n;
  const pad = new Uint8Array(16);
  const padView = new DataView(pad.buffer);
  for (const data of chunks) {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const full = data.length - (data.length % 16);
    for (let i = 0; i < full; i += 16) {
      acc = ((acc + le128(view, i) + (1n << 128n)) * r) % P;
    }
    if (full < data.length) {
      pad.fill(0);
      pad.set(data.subarray(full));
      acc = ((acc + le128(padView, 0) + (1n << 128n)) * r) % P;
    }
  }
  const tag = (acc + s) & MASK128;
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  ov.setBigUint64(0, tag & 0xffffffffffffffffn, true);
  ov.setBigUint64(8, tag >> 64n, true);
  return out;
}

// AEAD_CHACHA20_POLY1305 seal: ciphertext ‖ 16-byte tag.
export function seal(key, nonce, aad, plaintext) {
  if (key.length !== 32 || nonce.length !== 12) throw new Error("ChaCha20-Poly1305 needs a 32-byte key and 12-byte nonce");
  const oneTimeKey = chacha20(key, nonce, 0, new Uint8Array(32));
  const ciphertext = chacha20(key, nonce, 1, plaintext);
  const lengths = new Uint8Array(16);
  const lv = new DataView(lengths.buffer);
  lv.setBigUint64(0, BigInt(aad.length), true);
  lv.setBigUint64(8, BigInt(ciphertext.length), true);
  const tag = poly1305(oneTimeKey, [aad, ciphertext, lengths]);
  const out = new Uint8Array(ciphertext.length + 16);
  out.set(ciphertext, 0);
  out.set(tag, ciphertext.length);
  return out;
}
