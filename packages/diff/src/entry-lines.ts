import type { Entry, EntryField, FieldVariant } from './fleet-entries.js';
import { RISK_EXPLANATIONS } from './risks.js';
import { inlineValue, isText, MAX_FIELDS, textLines, type Suppressed } from './value-text.js';

/** How the text of a report is marked up: Markdown for PR comments, plain for terminals. */
export interface Style {
  /** Plain words (names, details) as they must be written. */
  text(text: string): string;
  code(text: string): string;
  strong(text: string): string;
  /** A list item at a depth (0, 1, ...). */
  item(depth: number, text: string): string;
  /** A block of diff lines under a list item at a depth. */
  diffBlock(depth: number, lines: readonly string[]): string[];
  /** Marks a risk. */
  readonly warn: string;
  readonly arrow: string;
}

export const KIND_MARK: Readonly<Record<Entry['kind'], string>> = { added: '+', removed: '−', changed: '~', renamed: '→' };

const sameClusters = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

/** `StatefulSet tbyte/postgres`, or `Secret a → Secret b` for a rename. */
export function entryTitle(entry: Entry, style: Style): string {
  const title = entry.from ? `${entry.from} ${style.arrow} ${entry.title}` : entry.title;
  return `${KIND_MARK[entry.kind]} ${title}`;
}

/** The lines of one entry below its heading: its risks first, then its fields (at most MAX_FIELDS). */
export function entryBody(entry: Entry, style: Style, suppressed: Suppressed): string[] {
  const lines: string[] = [];
  for (const risk of entry.risks) {
    const where = sameClusters(risk.clusters, entry.clusters) ? '' : ` (${risk.clusters.join(', ')})`;
    lines.push(style.item(0, `${style.warn} ${style.strong(risk.id)} ${style.text(`${risk.detail}${where}: ${RISK_EXPLANATIONS[risk.id]}`)}`));
  }
  suppressed.sensitive += entry.hidden;
  const shown = entry.fields.slice(0, MAX_FIELDS);
  for (const field of shown) lines.push(...fieldLines(field, entry, style, suppressed));
  const rest = entry.fields.length - shown.length;
  if (rest > 0) {
    suppressed.fields += rest;
    lines.push(style.item(0, `… ${rest} more field${rest === 1 ? '' : 's'} not shown (all of them are in --format json)`));
  }
  return lines;
}

function change(variant: FieldVariant, entry: Entry, style: Style, suppressed: Suppressed): string {
  if (entry.kind === 'added') return style.code(inlineValue(variant.after, suppressed));
  if (entry.kind === 'removed') return style.code(inlineValue(variant.before, suppressed));
  return `${style.code(inlineValue(variant.before, suppressed))} ${style.arrow} ${style.code(inlineValue(variant.after, suppressed))}`;
}

function fieldLines(field: EntryField, entry: Entry, style: Style, suppressed: Suppressed): string[] {
  const label = field.path === '' ? 'content' : field.path;
  const only = field.variants.length === 1 && sameClusters(field.variants[0]!.clusters, entry.clusters);
  const lines: string[] = [];
  const withText = (variant: FieldVariant, depth: number) =>
    isText(variant.before) || isText(variant.after) ? style.diffBlock(depth, textLines(variant.before, variant.after, suppressed)) : [];
  if (only) {
    const variant = field.variants[0]!;
    lines.push(style.item(0, `${style.code(label)}: ${change(variant, entry, style, suppressed)}`), ...withText(variant, 1));
    return lines;
  }
  lines.push(style.item(0, `${style.code(label)}:`));
  for (const variant of field.variants) {
    lines.push(style.item(1, `${style.text(variant.clusters.join(', '))}: ${change(variant, entry, style, suppressed)}`), ...withText(variant, 2));
  }
  const untouched = entry.clusters.filter((c) => !field.variants.some((v) => v.clusters.includes(c)));
  if (untouched.length > 0) lines.push(style.item(1, style.text(`unchanged in ${untouched.join(', ')}`)));
  return lines;
}
