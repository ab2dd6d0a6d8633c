/** Beyond this many line comparisons a text change is summarised instead of diffed line by line. */
const MAX_CELLS = 4_000_000;
const CONTEXT = 2;

export interface LineDiff {
  /** ` ` kept, `-` removed, `+` added; hunks separated by `@@` lines; undefined when too large to compute. */
  readonly lines?: readonly string[];
  readonly removed: number;
  readonly added: number;
}

/** The lines of a text; a final newline ends the last line rather than starting an empty one. */
export function linesOf(text: string): string[] {
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** A unified-style diff of two texts with two lines of context around each change (LCS, line by line). */
export function lineDiff(before: string, after: string): LineDiff {
  const a = linesOf(before);
  const b = linesOf(after);
  if (a.length * b.length > MAX_CELLS) return { removed: a.length, added: b.length };
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: [string, string][] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([' ', a[i]!]);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  const keep = ops.map((op, k) => op[0] !== ' ' || ops.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some((o) => o[0] !== ' '));
  const lines: string[] = [];
  ops.forEach(([mark, text], k) => {
    if (!keep[k]) return;
    if (k > 0 && !keep[k - 1] && lines.length > 0) lines.push('@@');
    lines.push(`${mark}${text}`);
  });
  return { lines, removed: ops.filter((o) => o[0] === '-').length, added: ops.filter((o) => o[0] === '+').length };
}
