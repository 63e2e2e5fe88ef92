/** Mask ranges (pairs) clipped to [0, length); pairs wholly outside are dropped. */
export function keepInside(ranges: number[], length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    const a = Math.max(0, ranges[i]);
    const b = Math.min(length, ranges[i + 1]);
    if (a < b) out.push(a, b);
  }
  return out;
}

export function rangesOf(matches: Array<{ at: number; name: string; in: string }>, _text: string): number[] {
  const out: number[] = [];
  for (const m of matches) if (m.in === 'text') out.push(m.at, m.at + m.name.length);
  return out;
}
