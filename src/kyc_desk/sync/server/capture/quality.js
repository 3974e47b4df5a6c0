// The page's photo check before a document photo is accepted: sharp enough, no glare spot, and the
// whole card inside the picture (no corner cut off). Heuristics on a small grey copy of the photo; they
// only spare the client a rejected submission — the scrivener still looks at every image.
//
// - blur: variance of the Laplacian (sharp print and edges give large second differences);
// - glare: share of blown-out pixels (all near white) in the card;
// - corners: the card's four edges are long straight edges; each must be found, inside the picture and
//   away from its border, and together they must make a card-shaped (ID-1, 85.6 × 54 mm) box.

export const LIMITS = {
  width: 480, // analysed at this width
  minSharpness: 60, // Laplacian variance below this: blurred
  glareLevel: 250, // grey level counted as blown out
  maxGlare: 0.012, // share of the card's pixels blown out
  edgeStep: 28, // grey-level step that counts as an edge pixel
  lineShare: 0.22, // an edge row/column needs this share of the picture's width/height
  band: 6, // rows (columns) summed either side, so a slightly tilted edge still counts
  margin: 0.015, // an edge closer to the border than this share is cut off
  minAspect: 1.25,
  maxAspect: 2.0,
  minWidthShare: 0.45, // the card must fill at least this share of the picture's width
};

export function grey(imageData) {
  const { data, width, height } = imageData;
  const g = new Float32Array(width * height);
  for (let i = 0, j = 0; j < g.length; i += 4, j++) g[j] = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  return g;
}

function sharpness(g, w, h, box) {
  let sum = 0, sq = 0, n = 0;
  for (let y = Math.max(1, box.top); y < Math.min(h - 1, box.bottom); y++) {
    for (let x = Math.max(1, box.left); x < Math.min(w - 1, box.right); x++) {
      const i = y * w + x;
      const lap = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
      sum += lap; sq += lap * lap; n++;
    }
  }
  if (!n) return 0;
  const mean = sum / n;
  return sq / n - mean * mean;
}

function glare(imageData, box) {
  const { data, width } = imageData;
  let blown = 0, n = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      const i = 4 * (y * width + x);
      if (data[i] >= LIMITS.glareLevel && data[i + 1] >= LIMITS.glareLevel && data[i + 2] >= LIMITS.glareLevel) blown++;
      n++;
    }
  }
  return n ? blown / n : 0;
}

// Rows (or columns) whose band holds a long straight edge; the outermost ones are the card's edges.
function edgeLines(g, w, h, horizontal) {
  const length = horizontal ? h : w; // number of rows (or columns)
  const span = horizontal ? w : h;
  const counts = new Float32Array(length);
  for (let a = 1; a < length - 1; a++) {
    let c = 0;
    for (let b = 0; b < span; b++) {
      const i = horizontal ? a * w + b : b * w + a;
      const step = horizontal ? Math.abs(g[i + w] - g[i - w]) : Math.abs(g[i + 1] - g[i - 1]);
      if (step >= LIMITS.edgeStep) c++;
    }
    counts[a] = c;
  }
  const lines = [];
  for (let a = 0; a < length; a++) {
    let sum = 0;
    for (let k = Math.max(0, a - LIMITS.band); k <= Math.min(length - 1, a + LIMITS.band); k++) sum += counts[k];
    // the strongest row of a qualifying band marks the line (not the band's first row)
    if (sum >= LIMITS.lineShare * span && counts[a] > 0) lines.push({ at: a, count: counts[a] });
  }
  if (!lines.length) return null;
  const peak = (from, to) => {
    let best = lines[from];
    for (let k = from; k <= to; k++) if (lines[k].count > best.count) best = lines[k];
    return best.at;
  };
  // the first and last bands of qualifying rows (each band spans at most 2·band+1 rows)
  let firstEnd = 0;
  while (firstEnd + 1 < lines.length && lines[firstEnd + 1].at - lines[firstEnd].at <= 1) firstEnd++;
  let lastStart = lines.length - 1;
  while (lastStart > 0 && lines[lastStart].at - lines[lastStart - 1].at <= 1) lastStart--;
  return { first: peak(0, firstEnd), last: peak(lastStart, lines.length - 1), length };
}

// The analysis of one photo (ImageData at LIMITS.width). `card` false: the thickness photo, taken at an
// angle, is checked for blur and glare only.
export function checkPhoto(imageData, { card = true } = {}) {
  const { width: w, height: h } = imageData;
  const g = grey(imageData);
  const problems = [];
  let box = { top: 0, bottom: h, left: 0, right: w };
  if (card) {
    const rows = edgeLines(g, w, h, true);
    const cols = edgeLines(g, w, h, false);
    const mh = Math.round(LIMITS.margin * h), mw = Math.round(LIMITS.margin * w);
    let whole = rows && cols && rows.first !== rows.last && cols.first !== cols.last;
    if (whole) {
      box = { top: rows.first, bottom: rows.last, left: cols.first, right: cols.last };
      const aspect = (box.right - box.left) / Math.max(1, box.bottom - box.top);
      whole = box.top > mh && box.bottom < h - 1 - mh && box.left > mw && box.right < w - 1 - mw &&
        aspect >= LIMITS.minAspect && aspect <= LIMITS.maxAspect && box.right - box.left >= LIMITS.minWidthShare * w;
    }
    if (!whole) {
      problems.push("corners");
      box = { top: 0, bottom: h, left: 0, right: w };
    }
  }
  const sharp = sharpness(g, w, h, box);
  if (sharp < LIMITS.minSharpness) problems.push("blur");
  const blown = glare(imageData, box);
  if (blown > LIMITS.maxGlare) problems.push("glare");
  return { ok: problems.length === 0, problems, sharpness: sharp, glare: blown, box };
}
