// The submission container (docs/submission-format.md §2) and its envelope (§3), built in the page.

import { base64urlDecode, concat, hex, seal, sha256 } from "./hpke.js";

const utf8 = new TextEncoder();
export const SUITE = "DHKEM-X25519-HKDF-SHA256/HKDF-SHA256/ChaCha20Poly1305";
const INFO_PREFIX = concat(utf8.encode("kyc-desk/submission/v1"), new Uint8Array([0]));

function frame(magic, version, lengthBytes, length) {
  const out = new Uint8Array(6 + 2 + lengthBytes);
  out.set(utf8.encode(magic), 0);
  const v = new DataView(out.buffer);
  v.setUint16(6, version, false);
  if (lengthBytes === 4) v.setUint32(8, length, false);
  else v.setUint16(8, length, false);
  return out;
}

// The office key's id: the first 16 bytes of SHA-256 over its raw 32 bytes, lower-case hex.
export async function keyId(raw) {
  return hex(await sha256(raw)).slice(0, 32);
}

// parts: [{name, kind, media_type, data: Uint8Array}] in order.
export async function container({ requestId, method, document, createdAt, selfieFps, parts }) {
  const entries = [];
  for (const p of parts) {
    entries.push({ name: p.name, kind: p.kind, media_type: p.media_type, length: p.data.length,
      sha256: hex(await sha256(p.data)) });
  }
  const manifest = utf8.encode(JSON.stringify({
    format: "kyc-desk-submission", version: 2, request_id: requestId, method, document,
    created_at: createdAt, selfie_fps: selfieFps, parts: entries,
  }));
  return concat(frame("KYCSUB", 2, 4, manifest.length), manifest, ...parts.map((p) => p.data));
}

// Seal a container to the office key named by the link. `expectedKeyId` is the link's #k= fragment:
// the key the endpoint hands out must have that id, or nothing is encrypted (an endpoint cannot
// substitute its own key).
export async function sealSubmission({ officeKeyText, expectedKeyId, requestId, method, plaintext }) {
  const recipient = base64urlDecode(officeKeyText);
  if (recipient.length !== 32) throw new KeyMismatch("malformed office key");
  const id = await keyId(recipient);
  if (!expectedKeyId || id !== expectedKeyId) throw new KeyMismatch("office key id differs from the link");
  // canonical header: these keys in this order, no spaces (JSON.stringify keeps insertion order)
  const header = utf8.encode(JSON.stringify({ v: 1, suite: SUITE, key_id: id, request_id: requestId, method }));
  const sealed = await seal(recipient, concat(INFO_PREFIX, header), plaintext);
  return concat(frame("KYCENV", 1, 2, header.length), header, sealed);
}

export class KeyMismatch extends Error {}
