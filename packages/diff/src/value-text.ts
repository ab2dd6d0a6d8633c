import { lineDiff, linesOf } from './line-diff.js';
import { HIDDEN } from './sensitive.js';

/** Longest single-line value printed whole. */
export const MAX_VALUE = 120;
/** Most lines of one text change printed. */
export const MAX_TEXT_LINES = 40;
/** Most fields printed for one entry. */
export const MAX_FIELDS = 60;

/** What was left out of the printed report, counted so that nothing is cut silently. */
export interface Suppressed {
  /** Sensitive values replaced by HIDDEN. */
  sensitive: number;
  /** Long values shortened. */
  shortened: number;
  /** Lines of text changes not printed. */
  lines: number;
  /** Fields of entries not printed. */
  fields: number;
}

export const noneSuppressed = (): Suppressed => ({ sensitive: 0, shortened: 0, lines: 0, fields: 0 });

export const isText = (v: unknown): v is string => typeof v === 'string' && v.includes('\n') && v !== HIDDEN;

/** A value on one line: strings as they are, anything else as compact JSON, shortened past MAX_VALUE (and counted). */
export function inlineValue(value: unknown, suppressed: Suppressed): string {
  if (value === undefined) return '(none)';
  if (isText(value)) return `(${linesOf(value).length} lines of text)`;
  const text = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
  if (text.length <= MAX_VALUE) return text;
  suppressed.shortened++;
  return `${text.slice(0, MAX_VALUE)}… (+${text.length - MAX_VALUE} chars)`;
}

/** The lines showing how a text changed (or what it holds, when added or removed), capped at MAX_TEXT_LINES. */
export function textLines(before: unknown, after: unknown, suppressed: Suppressed): string[] {
  const [b, a] = [isText(before) ? before : typeof before === 'string' ? before : '', isText(after) ? after : typeof after === 'string' ? after : ''];
  let lines: string[];
  if (before === undefined) lines = linesOf(a).map((l) => `+${l}`);
  else if (after === undefined) lines = linesOf(b).map((l) => `-${l}`);
  else {
    const diff = lineDiff(b, a);
    if (!diff.lines) {
      suppressed.lines += diff.removed + diff.added;
      return [`@@ too large to compare line by line: ${diff.removed} lines before, ${diff.added} after`];
    }
    lines = [...diff.lines];
  }
  if (lines.length <= MAX_TEXT_LINES) return lines;
  suppressed.lines += lines.length - MAX_TEXT_LINES;
  return [...lines.slice(0, MAX_TEXT_LINES), `@@ ${lines.length - MAX_TEXT_LINES} more lines not shown`];
}
