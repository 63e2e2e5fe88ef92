import { resolve } from 'path';
import { trainLinear } from './linear-training';
import type { LinearModel } from './model';
import { readLabelledJsonl, shippedTrainingFiles } from './store';
import { NgramBuffer } from './text';
import { topTermsOf } from './top-terms';

/** Top terms as they were computed before label masks and the heap: a walk of each block, a rescan for the weakest. */
function reference(linear: LinearModel, buf: NgramBuffer, j: number, n = 5): string[] {
  const cands: Array<{ w: number; i: number }> = [];
  let min = 0;
  for (let i = 0; i < buf.count; i++) {
    if (buf.rows[i] < 0 || buf.lengths[i] < 2) continue;
    const w = linear.weightOf(buf, i, j);
    if (w <= 0) continue;
    if (cands.length < 15) {
      cands.push({ w, i });
      if (cands.length === 15) for (let m = 1; m < 15; m++) if (cands[m].w < cands[min].w) min = m;
      continue;
    }
    if (w <= cands[min].w) continue;
    cands[min] = { w, i };
    min = 0;
    for (let m = 1; m < 15; m++) if (cands[m].w < cands[min].w) min = m;
  }
  const sorted = cands.map((c, slot) => ({ ...c, slot })).sort((a, b) => b.w - a.w || a.slot - b.slot);
  const out: string[] = [];
  for (const c of sorted) {
    const t = buf.term(c.i);
    if (t.includes('⌂') || out.some((o) => o.includes(t) || t.includes(o))) continue;
    out.push(t);
    if (out.length >= n) break;
  }
  return out;
}

describe('top terms', () => {
  const items = shippedTrainingFiles(resolve(__dirname, '../../../config')).flatMap((f) => readLabelledJsonl(f));
  const labels = [...new Set(items.map((x) => x.category))];
  const texts = items.map((x) => x.text);
  const linear = trainLinear(
    texts,
    items.map((x) => labels.indexOf(x.category)),
    labels,
    texts.map(() => undefined),
    { bits: 18, epochs: 3, maxN: 4, cues: true, prune: 0.05 },
  );

  it('are the terms the plain walk finds, in the same order, for every shipped example and several labels', () => {
    const buf = new NgramBuffer();
    const out = new Float32Array(labels.length);
    let compared = 0;
    texts.forEach((text, t) => {
      // Place names masked as the classifier does (⌂ terms are left out).
      linear.scores(text, out, t % 3 === 0 ? [0, 2] : undefined, buf);
      const best = out.indexOf(Math.max(...out));
      for (const j of [best, t % labels.length, (t * 7) % labels.length]) {
        const want = reference(linear, buf, j);
        expect([text, j, topTermsOf(linear, buf, j)]).toEqual([text, j, want]);
        if (want.length) compared++;
      }
    });
    expect(compared).toBeGreaterThan(texts.length);
  });
});
