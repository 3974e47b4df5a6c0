// The capture page's flow: consent → method → document photos (checked) → selfie with the request's
// liveness actions → review → encrypt here → upload (progress, retry) → done. Nothing leaves the phone
// unencrypted; the only requests go to this endpoint (the Content-Security-Policy allows nothing else).

import { container, KeyMismatch, sealSubmission } from "./envelope.js";
import { x25519Available } from "./hpke.js";
import { checkPhoto, LIMITS } from "./quality.js";
import { format, TEXTS } from "./texts.js";

// The selfie is recorded at the format's default rate, 15 frames/s (docs/submission-format.md §2): a
// still lead-in, then each of the request's actions for ACTION_SECONDS — three actions fit the format's
// 150 frames. Should they not, the rate drops so the actions keep their time. The rate actually
// measured travels as selfie_fps, which the desk's liveness timing uses.
const FPS = 15;
const MAX_FRAMES = 150;
const LEAD_SECONDS = 1.0;
const ACTION_SECONDS = 2.8;
const PHOTO_LONG_SIDE = 1600;
const SHOTS = ["front", "back", "thickness"];
const HO_LAST_DAY = "2027-03-31"; // the endpoint's rule (sync/server/rules.py); the endpoint decides

const $ = (id) => document.getElementById(id);
const state = {
  lang: new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ja",
  token: location.pathname.split("/").filter(Boolean).pop() || "",
  keyId: new URLSearchParams(location.hash.slice(1)).get("k") || "",
  info: null,
  document: "driver_licence",
  shot: 0,
  photos: {},
  frames: [],
  fps: FPS,
  stream: null,
  envelope: null,
  retryStep: null,
};

// texts --------------------------------------------------------------------------------------------
function t(key, values) {
  return format(TEXTS[state.lang][key] ?? TEXTS.ja[key] ?? key, values);
}

function setText(el, key, values = {}) {
  el.dataset.t = key;
  el.dataset.v = JSON.stringify(values);
  el.textContent = t(key, values);
}

function applyTexts() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-t]")) {
    el.textContent = t(el.dataset.t, el.dataset.v ? JSON.parse(el.dataset.v) : {});
  }
}

function show(id) {
  for (const s of document.querySelectorAll(".screen")) s.classList.toggle("active", s.id === id);
  document.body.dataset.screen = id;
  window.scrollTo(0, 0);
}

function fail(key, values = {}, retry = null) {
  stopCamera();
  setText($("error-text"), key, values);
  document.body.dataset.error = key.replace("error.", "");
  state.retryStep = retry;
  $("error-retry").hidden = !retry;
  show("error");
}

// the link ------------------------------------------------------------------------------------------
const ERRORS = { unknown_link: "error.unknown_link", link_expired: "error.link_expired", link_used: "error.link_used",
  method_not_allowed: "error.method_not_allowed", rate_limited: "error.rate_limited", too_large: "error.too_large" };

function japanDay(epochMs) {
  return new Date(epochMs + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

function hoAllowedToday() {
  return japanDay(Date.now()) <= HO_LAST_DAY;
}

function letters(methods) {
  const names = { he: "ヘ", ho: "ホ", wa: "ワ" };
  return methods.map((m) => names[m] || m).join("・");
}

async function boot() {
  applyTexts();
  if (!window.isSecureContext || !crypto.subtle || !(await x25519Available())) return fail("error.unsupported");
  let response;
  try {
    response = await fetch(`../v1/submit/${encodeURIComponent(state.token)}`, { cache: "no-store" });
  } catch {
    return fail("error.generic", {}, boot);
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    return fail(ERRORS[body.error] || "error.generic", {}, body.error === "rate_limited" ? boot : null);
  }
  state.info = await response.json();
  if (!state.keyId || state.keyId !== state.info.key_id) return fail("error.key_mismatch");
  const methods = state.info.methods;
  const chip = methods.filter((m) => m !== "ho");
  if (!methods.includes("ho")) return fail("error.no_browser_method", { letters: letters(methods) });
  if (!hoAllowedToday()) return fail("error.method_not_allowed");
  const until = new Date(state.info.expires_at);
  const text = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
  setText($("until"), "method.until", { until: text.format(until) });
  $("chip-note").hidden = chip.length === 0;
  if (chip.length) setText($("chip-note"), "method.chip", { letters: letters(chip) });
  show("consent");
}

// camera ---------------------------------------------------------------------------------------------
function stopCamera() {
  if (state.stream) for (const track of state.stream.getTracks()) track.stop();
  state.stream = null;
  delete document.body.dataset.camera;
}

async function startCamera(video, constraints, retry) {
  stopCamera();
  if (!navigator.mediaDevices?.getUserMedia) {
    fail("error.camera_missing");
    return false;
  }
  try {
    state.stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: constraints });
  } catch (err) {
    const denied = err && (err.name === "NotAllowedError" || err.name === "SecurityError");
    fail(denied ? "error.camera_denied" : "error.camera_missing", {}, retry);
    return false;
  }
  video.srcObject = state.stream;
  await video.play().catch(() => {});
  if (!video.videoWidth) await new Promise((ok) => video.addEventListener("loadedmetadata", ok, { once: true }));
  document.body.dataset.camera = "ready";
  return true;
}

function toJpeg(source, width, height, quality) {
  const canvas = $("work");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d").drawImage(source, 0, 0, width, height);
  return new Promise((ok) => canvas.toBlob(ok, "image/jpeg", quality));
}

function fit(width, height, longSide) {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return [Math.round(width * scale), Math.round(height * scale)];
}

// document photos ------------------------------------------------------------------------------------
async function documentStep() {
  const name = SHOTS[state.shot];
  setText($("doc-step"), "doc.step", { n: state.shot + 1 });
  setText($("doc-title"), `doc.${name}`);
  setText($("doc-hint"), `doc.${name}.hint`);
  $("doc-quality").textContent = "";
  $("doc-quality").className = "quality";
  $("doc-preview").hidden = true;
  $("doc-video").hidden = false;
  $("doc-shoot").hidden = false;
  $("doc-accept").hidden = true;
  $("doc-retake").hidden = true;
  $("doc-file").value = "";
  show("document");
  await startCamera($("doc-video"), { facingMode: { ideal: "environment" }, width: { ideal: 1920 }, height: { ideal: 1080 } },
    documentStep);
}

async function judgePhoto(source, width, height) {
  const [w, h] = fit(width, height, PHOTO_LONG_SIDE);
  const blob = await toJpeg(source, w, h, 0.9);
  const [sw, sh] = [LIMITS.width, Math.round((LIMITS.width * h) / w)];
  const canvas = $("work");
  canvas.width = sw;
  canvas.height = sh;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(source, 0, 0, sw, sh);
  const name = SHOTS[state.shot];
  const verdict = checkPhoto(ctx.getImageData(0, 0, sw, sh), { card: name !== "thickness" });
  stopCamera(); // only now: a stopped camera's video element has no picture left to draw
  const url = URL.createObjectURL(blob);
  state.pending = { name, blob, url, verdict };
  $("doc-preview").src = url;
  $("doc-preview").hidden = false;
  $("doc-video").hidden = true;
  $("doc-shoot").hidden = true;
  $("doc-retake").hidden = false;
  $("doc-accept").hidden = !verdict.ok;
  const q = $("doc-quality");
  q.className = `quality ${verdict.ok ? "ok" : "bad"}`;
  q.dataset.problems = verdict.problems.join(" ");
  setText(q, verdict.ok ? "quality.ok" : `quality.${verdict.problems[0]}`);
}

async function shoot() {
  const video = $("doc-video");
  if (!video.videoWidth) return;
  await judgePhoto(video, video.videoWidth, video.videoHeight);
}

async function chooseFile(event) {
  const file = event.target.files?.[0];
  if (!file) return;
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return;
  }
  await judgePhoto(bitmap, bitmap.width, bitmap.height);
}

async function accept() {
  const p = state.pending;
  if (!p?.verdict.ok) return;
  state.photos[p.name] = { blob: p.blob, url: p.url };
  state.pending = null;
  state.shot += 1;
  if (state.shot < SHOTS.length) return documentStep();
  return selfieStep();
}

// selfie --------------------------------------------------------------------------------------------
function actions() {
  return (state.info.liveness || "").split(",").filter(Boolean);
}

async function selfieStep() {
  $("selfie-start").hidden = false;
  $("selfie-start").disabled = true;
  $("prompt").textContent = "";
  $("selfie-bar").style.width = "0";
  show("selfie");
  await startCamera($("selfie-video"), { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 },
    frameRate: { ideal: FPS } }, selfieStep);
  $("selfie-start").disabled = !state.stream;
}

function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

async function recordSelfie() {
  const video = $("selfie-video");
  if (!video.videoWidth) return;
  $("selfie-start").hidden = true;
  const asked = actions();
  const perAction = ACTION_SECONDS;
  const total = LEAD_SECONDS + perAction * Math.max(1, asked.length);
  const rate = Math.min(FPS, (MAX_FRAMES - 1) / total);
  const [w, h] = fit(video.videoWidth, video.videoHeight, 640);
  const frames = [];
  const started = performance.now();
  let done = false;
  const prompts = (async () => {
    setText($("prompt"), "selfie.ready");
    await sleep(LEAD_SECONDS * 1000);
    if (!asked.length) await sleep(perAction * 1000);
    for (const action of asked) {
      setText($("prompt"), `action.${action}`);
      await sleep(perAction * 1000);
    }
    done = true;
  })();
  // one frame every 1/rate s on the clock, whatever the timer jitter
  let next = started;
  while (!done && frames.length < MAX_FRAMES) {
    frames.push(toJpeg(video, w, h, 0.8));
    $("selfie-bar").style.width = `${Math.min(100, ((performance.now() - started) / 10 / total))}%`;
    next += 1000 / rate;
    await sleep(Math.max(0, next - performance.now()));
  }
  await prompts;
  performance.mark("kyc-last-frame"); // benchmarks/bench_capture_page.py reads these marks
  const elapsed = (performance.now() - started) / 1000;
  stopCamera();
  state.frames = await Promise.all(frames);
  state.fps = Math.min(60, Math.max(1, Math.round((state.frames.length / elapsed) * 100) / 100));
  setText($("prompt"), "selfie.done");
  $("selfie-bar").style.width = "100%";
  reviewStep();
}

// review and upload ------------------------------------------------------------------------------------
function reviewStep() {
  const thumbs = $("thumbs");
  thumbs.replaceChildren();
  for (const name of SHOTS) {
    const img = new Image();
    img.src = state.photos[name].url;
    img.alt = t(`doc.${name}`);
    thumbs.append(img);
  }
  const face = new Image();
  face.src = URL.createObjectURL(state.frames[0]);
  face.alt = t("selfie.title");
  thumbs.append(face);
  setText($("review-docs"), "review.documents", { n: SHOTS.length });
  setText($("review-selfie"), "review.selfie",
    { n: state.frames.length, seconds: (state.frames.length / state.fps).toFixed(1) });
  show("review");
  performance.mark("kyc-review");
}

async function bytes(blob) {
  return new Uint8Array(await blob.arrayBuffer());
}

async function buildEnvelope() {
  const parts = [];
  for (const name of SHOTS) {
    parts.push({ name: `document/${name}`, kind: "document_image", media_type: "image/jpeg",
      data: await bytes(state.photos[name].blob) });
  }
  for (const [i, frame] of state.frames.entries()) {
    parts.push({ name: `selfie/${String(i).padStart(3, "0")}`, kind: "selfie_frame", media_type: "image/jpeg",
      data: await bytes(frame) });
  }
  const plaintext = await container({ requestId: state.info.request_id, method: "ho", document: state.document,
    createdAt: new Date().toISOString().replace("Z", "+00:00"), selfieFps: state.fps, parts });
  return sealSubmission({ officeKeyText: state.info.office_public_key, expectedKeyId: state.keyId,
    requestId: state.info.request_id, method: "ho", plaintext });
}

async function send() {
  performance.mark("kyc-send");
  $("send").disabled = true;
  show("upload");
  $("upload-retry").hidden = true;
  setText($("upload-text"), "upload.encrypting");
  try {
    state.envelope = state.envelope || (await buildEnvelope());
    performance.mark("kyc-sealed");
  } catch (err) {
    $("send").disabled = false;
    return fail(err instanceof KeyMismatch ? "error.key_mismatch" : "error.generic");
  }
  upload(1);
}

function post(body, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `../v1/submit/${encodeURIComponent(state.token)}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.timeout = 15 * 60 * 1000; // a slow phone link; the endpoint enforces its own minimum rate
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json = {};
      try { json = JSON.parse(xhr.responseText); } catch { /* not JSON: judged by status */ }
      resolve({ status: xhr.status, json, retryAfter: Number(xhr.getResponseHeader("Retry-After")) || 0 });
    };
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => resolve({ status: 0, json: {}, retryAfter: 0 });
    xhr.send(body);
  });
}

const MAX_ATTEMPTS = 5;

async function upload(attempt) {
  $("upload-retry").hidden = true;
  const progress = (share) => {
    $("upload-bar").style.width = `${Math.round(share * 100)}%`;
    setText($("upload-text"), "upload.sending", { percent: Math.round(share * 100) });
  };
  progress(0);
  const answer = await post(state.envelope, progress);
  if (answer.status === 201) {
    performance.mark("kyc-uploaded");
    setText($("receipt"), "done.receipt", { id: answer.json.submission_id });
    document.body.dataset.submission = answer.json.submission_id;
    return show("done");
  }
  const transient = answer.status === 0 || answer.status === 408 || answer.status === 429 || answer.status >= 500;
  if (!transient) return fail(ERRORS[answer.json.error] || "error.generic");
  if (!navigator.onLine) {
    setText($("upload-text"), "upload.offline");
    await new Promise((ok) => window.addEventListener("online", ok, { once: true }));
    return upload(attempt);
  }
  if (attempt >= MAX_ATTEMPTS) {
    setText($("upload-text"), "upload.failed");
    $("upload-retry").hidden = false;
    return undefined;
  }
  const wait = Math.max(answer.retryAfter, 2 ** attempt);
  setText($("upload-text"), "upload.retrying", { seconds: wait, attempt: attempt + 1 });
  await sleep(wait * 1000);
  return upload(attempt + 1);
}

// wiring ----------------------------------------------------------------------------------------------
function wire() {
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "ja" ? "en" : "ja";
    applyTexts();
  });
  $("agree").addEventListener("change", (e) => { $("start").disabled = !e.target.checked; });
  $("start").addEventListener("click", () => show("method"));
  $("method-next").addEventListener("click", () => {
    state.document = document.querySelector("input[name=document]:checked").value;
    state.shot = 0;
    state.photos = {};
    documentStep();
  });
  $("doc-shoot").addEventListener("click", shoot);
  $("doc-retake").addEventListener("click", documentStep);
  $("doc-accept").addEventListener("click", accept);
  $("doc-file").addEventListener("change", chooseFile);
  $("selfie-start").addEventListener("click", recordSelfie);
  $("send").addEventListener("click", send);
  $("redo").addEventListener("click", () => {
    state.envelope = null;
    $("send").disabled = false;
    show("method");
  });
  $("upload-retry").addEventListener("click", () => upload(1));
  $("error-retry").addEventListener("click", () => state.retryStep && state.retryStep());
}

wire();
boot();
