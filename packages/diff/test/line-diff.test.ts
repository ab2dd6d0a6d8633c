import { describe, expect, it } from 'vitest';
import { lineDiff, linesOf } from '../src/line-diff.js';

describe('lineDiff', () => {
  it('shows removed lines before added ones with two lines of context, and separates hunks', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'B', 'c', 'd', 'e', 'f', 'g', 'h', 'I'].join('\n');
    expect(lineDiff(before, after)).toEqual({ lines: [' a', '-b', '+B', ' c', ' d', '@@', ' g', ' h', '-i', '+I'], removed: 2, added: 2 });
  });

  it('summarises texts too large to compare line by line', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    expect(lineDiff(big, `${big}\nmore`)).toEqual({ removed: 3000, added: 3001 });
  });

  it('does not count the final newline as a line', () => {
    expect(linesOf('a\nb\n')).toEqual(['a', 'b']);
  });
});
