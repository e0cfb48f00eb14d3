import { highlightTerms, normalise } from "./search.server";

/** Search result excerpts: a few words around the first hit, the hits marked, cut at word edges. */

export interface Snippet {
  text: string;
  marked: boolean;
}

/** Where a snippet may start or stop without cutting a word: spaces and punctuation, Chinese and Latin. */
const WORD_EDGE = /[\s，。、；：！？“”‘’（）《》,.;:!?()"']/;
const SNAP_REACH = 16;

/** Moves a cut forward to just after the next word edge, but not past `limit`. */
function snapStart(text: string, at: number, limit: number): number {
  if (at <= 0) return 0;
  for (let k = at; k < Math.min(limit, at + SNAP_REACH); k++) if (WORD_EDGE.test(text[k])) return k + 1;
  return at;
}

/** Moves a cut back to the previous word edge, but not before `limit`. */
function snapEnd(text: string, at: number, limit: number): number {
  if (at >= text.length) return text.length;
  for (let k = at; k > Math.max(limit, at - SNAP_REACH); k--) if (WORD_EDGE.test(text[k])) return k;
  return at;
}

/** The text with no hit: its opening, ended at a word edge. */
function opening(plain: string, length: number): Snippet[] {
  if (plain.length <= length) return [{ text: plain, marked: false }];
  return [
    { text: plain.slice(0, snapEnd(plain, length, length / 2)).trimEnd(), marked: false },
    { text: "…", marked: false },
  ];
}

/**
 * A short excerpt around the first hit, split into plain and marked parts. The text is matched
 * in its Simplified form; conversion keeps one character per character, so positions carry over.
 */
export function snippet(text: string, query: string, radius = 40): Snippet[] {
  const plain = text
    .replace(/[#*_`>\[\]()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const terms = query ? highlightTerms(query).filter(Boolean) : [];
  // Browsing without a query shows openings: folding every description (OpenCC) would be wasted.
  if (terms.length === 0) return opening(plain, radius * 2);
  const folded = normalise(plain);
  if (folded.length !== plain.length) return opening(plain, radius * 2);
  const hits: [number, number][] = [];
  for (const term of terms) {
    let i = folded.indexOf(term);
    while (i >= 0 && hits.length < 20) {
      hits.push([i, i + term.length]);
      i = folded.indexOf(term, i + term.length);
    }
  }
  if (hits.length === 0) return opening(plain, radius * 2);
  hits.sort((a, b) => a[0] - b[0]);
  const first = hits[0];
  const start = snapStart(plain, Math.max(0, first[0] - radius), first[0]);
  const end = snapEnd(plain, Math.min(plain.length, first[0] + radius * 2), first[1]);
  const parts: Snippet[] = [];
  let pos = start;
  for (const [s, e] of hits) {
    if (s < pos || s >= end) continue;
    if (s > pos) parts.push({ text: plain.slice(pos, s), marked: false });
    parts.push({ text: plain.slice(s, Math.min(e, end)), marked: true });
    pos = Math.min(e, end);
  }
  if (pos < end) parts.push({ text: plain.slice(pos, end), marked: false });
  if (start > 0) parts.unshift({ text: "…", marked: false });
  if (end < plain.length) parts.push({ text: "…", marked: false });
  return parts;
}
