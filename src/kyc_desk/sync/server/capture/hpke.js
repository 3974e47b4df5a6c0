// HPKE (RFC 9180) base-mode single-shot seal, suite DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 /
// ChaCha20-Poly1305 (0x0020 / 0x0001 / 0x0003) — what kyc_desk.crypto.hpke opens at the desk.
// X25519, SHA-256 and HMAC come from WebCrypto; ChaCha20-Poly1305 from ./chacha20poly1305.js.

import { seal as aeadSeal } from "./chacha20poly1305.js";

const utf8 = new TextEncoder();

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u16(n) {
  return new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
}

const KEM_SUITE = concat(utf8.encode("KEM"), u16(0x0020));
const HPKE_SUITE = concat(utf8.encode("HPKE"), u16(0x0020), u16(0x0001), u16(0x0003));
const VERSION_LABEL = utf8.encode("HPKE-v1");

async function hmac(key, data) {
  // an empty HKDF salt is HashLen zero bytes (RFC 5869 §2.2), which HMAC treats the same as no key
  const raw = key.length ? key : new Uint8Array(32);
  const k = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
}

async function labeledExtract(suite, salt, label, ikm) {
  return hmac(salt, concat(VERSION_LABEL, suite, utf8.encode(label), ikm));
}

async function labeledExpand(suite, prk, label, info, length) {
  // every length used here is at most one SHA-256 block, so T(1) is the whole output
  const labeled = concat(u16(length), VERSION_LABEL, suite, utf8.encode(label), info);
  return (await hmac(prk, concat(labeled, new Uint8Array([1])))).slice(0, length);
}

export function x25519Available() {
  return crypto.subtle.generateKey({ name: "X25519" }, true, ["deriveBits"]).then(() => true, () => false);
}

// Seal `plaintext` to the 32-byte X25519 public key `recipient`, bound to `info`: enc ‖ ciphertext ‖ tag.
export async function seal(recipient, info, plaintext) {
  const pkR = await crypto.subtle.importKey("raw", recipient, { name: "X25519" }, false, []);
  const eph = await crypto.subtle.generateKey({ name: "X25519" }, true, ["deriveBits"]);
  const enc = new Uint8Array(await crypto.subtle.exportKey("raw", eph.publicKey));
  const dh = new Uint8Array(await crypto.subtle.deriveBits({ name: "X25519", public: pkR }, eph.privateKey, 256));
  const eaePrk = await labeledExtract(KEM_SUITE, new Uint8Array(0), "eae_prk", dh);
  const shared = await labeledExpand(KEM_SUITE, eaePrk, "shared_secret", concat(enc, recipient), 32);

  const empty = new Uint8Array(0);
  const pskIdHash = await labeledExtract(HPKE_SUITE, empty, "psk_id_hash", empty);
  const infoHash = await labeledExtract(HPKE_SUITE, empty, "info_hash", info);
  const context = concat(new Uint8Array([0]), pskIdHash, infoHash); // mode_base = 0
  const secret = await labeledExtract(HPKE_SUITE, shared, "secret", empty);
  const key = await labeledExpand(HPKE_SUITE, secret, "key", context, 32);
  const nonce = await labeledExpand(HPKE_SUITE, secret, "base_nonce", context, 12);
  return concat(enc, aeadSeal(key, nonce, empty, plaintext)); // sequence 0: the base nonce itself
}

export async function sha256(data) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
}

export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function base64urlDecode(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
