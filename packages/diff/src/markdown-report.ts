import { entryBody, entryTitle, type Style } from './entry-lines.js';
import { CLUSTER_TOKEN, type Entry } from './fleet-entries.js';
import type { FleetDiff } from './fleet-diff.js';
import { APP_OF_APPS } from './fleet-tree.js';
import { RISK_EXPLANATIONS, RISK_IDS, type RiskId } from './risks.js';
import { clusterRows, riskCounts, totalRow, type ClusterRow, type Counts } from './summary.js';
import { describeSide, type TreeSide } from './tree-side.js';
import { noneSuppressed, type Suppressed } from './value-text.js';

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const COMMENT_LIMIT = 65_536;
/** Each part starts with this HTML comment so a workflow can find and update its own comments. */
export const PART_MARKER = 'wavesmith-diff';
/** Room kept in every part for its header and footer. */
const PART_RESERVE = 400;
/** Most risk lines in the summary; the others are with their entries (and all are counted in the table). */
const SUMMARY_RISKS = 30;
/** Longest printed entry; beyond it the entry's last lines are left out, and counted. */
const ENTRY_MAX = 24_000;
/** Block headings name at most this many clusters (the entries inside name them all). */
const MAX_NAMED_CLUSTERS = 12;
/** Summary tables longer than this group clusters with identical rows. */
const TABLE_MAX = 16_000;

export interface DiffReportInput {
  readonly base: TreeSide;
  readonly head: TreeSide;
  readonly diff: FleetDiff;
  readonly entries: readonly Entry[];
}

export interface MarkdownOptions {
  /** Largest part, in characters. @default COMMENT_LIMIT */
  readonly limit?: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Markdown text outside code: no emphasis, links, tables or HTML by accident. */
const mdText = (s: string) => escapeHtml(s).replace(/([\\`*_[\]|])/g, '\\$1');

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `\`${text}\`` : `${fence} ${text} ${fence}`;
}

export const markdownStyle: Style = {
  text: mdText,
  code: codeSpan,
  strong: (text) => `**${text}**`,
  item: (depth, text) => `${'  '.repeat(depth)}- ${text}`,
  diffBlock(depth, lines) {
    const indent = '  '.repeat(depth);
    const longest = Math.max(2, ...lines.flatMap((l) => l.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return [`${indent}${fence}diff`, ...lines.map((l) => `${indent}${l}`), `${indent}${fence}`];
  },
  warn: '⚠️',
  arrow: '→',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const counts = (c: Counts) => `${c.added} / ${c.changed} / ${c.removed}`;

/**
 * The diff as Markdown for a pull-request comment: the summary table first (every changed
 * cluster, counts of added, changed and removed, every risk), then one collapsible section per
 * component in wave order. Split into numbered parts of at most `limit` characters, the summary
 * always whole in the first; nothing is dropped without saying how much.
 */
export function markdownParts(input: DiffReportInput, options: MarkdownOptions = {}): string[] {
  const limit = options.limit ?? COMMENT_LIMIT;
  const budget = limit - PART_RESERVE;
  const suppressed = noneSuppressed();
  const blocks = componentBlocks(input.entries, suppressed, budget);
  const { summary, extraBlocks } = summaryMarkdown(input, suppressed, budget);
  const parts: string[][] = [[summary]];
  let size = summary.length;
  for (const block of [...extraBlocks, ...blocks]) {
    if (size + block.length + 1 > budget) {
      parts.push([]);
      size = 0;
    }
    parts.at(-1)!.push(block);
    size += block.length + 1;
  }
  return parts.map((blocksOfPart, i) => {
    const header = `<!-- ${PART_MARKER} part ${i + 1}/${parts.length} -->\n`;
    const continued = i === 0 ? '' : `**Wavesmith diff**, part ${i + 1} of ${parts.length} (continued)\n\n`;
    const next = i + 1 < parts.length ? `\n_Continued in part ${i + 2} of ${parts.length}._\n` : '';
    return `${header}${continued}${blocksOfPart.join('\n')}${next}`;
  });
}

function summaryMarkdown(input: DiffReportInput, suppressed: Suppressed, budget: number): { summary: string; extraBlocks: string[] } {
  const { diff, entries } = input;
  const rows = clusterRows(diff);
  const total = diff.clusters.length + diff.unchanged.length;
  const lines: string[] = [];
  const extraBlocks: string[] = [];
  lines.push(`### Wavesmith diff: ${diff.clusters.length === 0 ? 'no cluster changes' : `${plural(diff.clusters.length, 'cluster')} of ${total} change${diff.clusters.length === 1 ? 's' : ''}`}`, '');
  lines.push(`**Base** ${describeSide(input.base, codeSpan)}  `, `**Head** ${describeSide(input.head, codeSpan)}`, '');
  if (rows.length > 0) {
    let table = clusterTable(rows);
    if (table.join('\n').length > TABLE_MAX) table = clusterTable(rows, true);
    if (table.join('\n').length > TABLE_MAX) {
      extraBlocks.push(...clusterTableBlocks(rows, budget));
      table = clusterTable([], false, totalRow(rows));
      lines.push(`_${rows.length} clusters change; their rows are in the section "Changes per cluster" below._`, '');
    }
    lines.push(...table, '');
  }
  if (diff.unchanged.length > 0) {
    const names = diff.unchanged.map(mdText).join(', ');
    if (names.length < 2_000) lines.push(`Unchanged: ${names}.`, '');
    else {
      lines.push(`${plural(diff.unchanged.length, 'cluster')} unchanged (listed in "Unchanged clusters" below).`, '');
      extraBlocks.push(details(`Unchanged clusters (${diff.unchanged.length})`, names));
    }
  }
  const risks = entries.flatMap((e) => e.risks.map((r) => ({ ...r, title: e.title })));
  if (risks.length > 0) {
    lines.push(`**Risks** (${risks.length})`, '');
    for (const r of risks.slice(0, SUMMARY_RISKS)) lines.push(`- ⚠️ ${codeSpan(r.id)} ${mdText(r.detail)} — ${mdText(r.clusters.join(', '))}`);
    if (risks.length > SUMMARY_RISKS) lines.push(`- … ${risks.length - SUMMARY_RISKS} more risk lines, each with its entry below (all are counted in the table)`);
    lines.push('');
    const ids = RISK_IDS.filter((id) => risks.some((r) => r.id === id));
    lines.push(...ids.map((id: RiskId) => `<sub>${codeSpan(id)}: ${escapeHtml(RISK_EXPLANATIONS[id])}</sub>  `), '');
  }
  if (entries.some((e) => e.clusters.length > 1) && JSON.stringify(entries).includes(CLUSTER_TOKEN)) lines.push(`<sub>An entry shared by several clusters writes each one's own name as ${codeSpan(CLUSTER_TOKEN)}.</sub>`, '');
  const left = leftOut(suppressed);
  if (left) lines.push(`_Not shown: ${left}. \`wavesmith diff --format json\` has every field (sensitive values stay hidden)._`, '');
  let summary = lines.join('\n');
  if (summary.length > budget) summary = `${summary.slice(0, budget - 200)}\n\n_The summary was cut here at ${budget} characters (${summary.length - budget + 200} more)._\n`;
  return { summary, extraBlocks };
}

function leftOut(s: Suppressed): string {
  return [
    s.sensitive ? plural(s.sensitive, 'sensitive value') : '',
    s.shortened ? `${plural(s.shortened, 'long value')} shortened` : '',
    s.lines ? plural(s.lines, 'line') + ' of text changes' : '',
    s.fields ? plural(s.fields, 'field') : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function clusterTable(rows: readonly ClusterRow[], grouped = false, total?: ReturnType<typeof totalRow>): string[] {
  const header = ['| Cluster | Components | Objects + / ~ / − | Terraform + / ~ / − | Risks |', '|---|---:|---|---|---|'];
  const line = (name: string, r: Omit<ClusterRow, 'cluster' | 'status'>) =>
    `| ${name} | ${r.components} | ${counts(r.objects)} | ${counts(r.terraform)} | ${riskCounts(r.risks) || '—'} |`;
  const label = (r: ClusterRow) => `${mdText(r.cluster)}${r.status === 'changed' ? '' : ` (${r.status})`}`;
  const body: string[] = [];
  if (grouped) {
    const byLine = new Map<string, string[]>();
    for (const r of rows) {
      const key = line('', r);
      byLine.set(key, [...(byLine.get(key) ?? []), label(r)]);
    }
    for (const [key, names] of byLine) body.push(key.replace(/^\|  \|/, `| ${names.join(', ')} |`));
  } else body.push(...rows.map((r) => line(label(r), r)));
  const sum = total ?? totalRow(rows);
  const files = sum.files.added + sum.files.changed + sum.files.removed;
  return [...header, ...body, line('**all**', sum), ...(files > 0 ? [`\nOther files + / ~ / −: ${counts(sum.files)}`] : [])];
}

/** The per-cluster table in as many blocks as it takes to keep each under the budget. */
function clusterTableBlocks(rows: readonly ClusterRow[], budget: number): string[] {
  const blocks: string[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && clusterTable(rows.slice(start, end + 1)).join('\n').length < budget - 500) end++;
    blocks.push(details(`Changes per cluster (${start + 1}–${end} of ${rows.length})`, clusterTable(rows.slice(start, end)).join('\n')));
    start = end;
  }
  return blocks;
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

function blockHeading(entry: Entry): string {
  if (entry.section === 'terraform') return '<b>Terraform</b>';
  if (entry.section === 'file') return `file <b>${escapeHtml(entry.component)}</b>`;
  if (entry.component === APP_OF_APPS) return '<b>app of apps</b> (AppProject, root Application)';
  const wave = entry.wave === Number.MAX_SAFE_INTEGER ? 'wave ?' : `wave ${entry.wave}`;
  return `${wave} · <b>${escapeHtml(entry.component)}</b>${entry.tier ? ` (${escapeHtml(entry.tier)})` : ''}`;
}

function blockSummary(heading: string, group: readonly Entry[], continued: boolean): string {
  const clusters = [...new Set(group.flatMap((e) => e.clusters))].sort();
  const kinds = (['removed', 'renamed', 'changed', 'added'] as const).map((k) => [k, group.filter((e) => e.kind === k).length] as const).filter(([, n]) => n > 0);
  const risks = group.reduce((n, e) => n + e.risks.length, 0);
  return [
    `${heading}${continued ? ' (continued)' : ''}`,
    clusters.length <= MAX_NAMED_CLUSTERS ? escapeHtml(clusters.join(', ')) : `${clusters.length} clusters`,
    kinds.map(([k, n]) => `${n} ${k}`).join(', '),
    ...(risks > 0 ? [`⚠️ ${plural(risks, 'risk')}`] : []),
  ].join(' · ');
}

function renderEntry(entry: Entry, suppressed: Suppressed): string {
  const lines = [`**${mdText(entryTitle(entry, markdownStyle))}** — ${mdText(entry.clusters.join(', '))}`, '', ...entryBody(entry, markdownStyle, suppressed)];
  let text = lines.join('\n');
  if (text.length > ENTRY_MAX) {
    let size = 0;
    const kept = lines.filter((l) => (size += l.length + 1) <= ENTRY_MAX - 200);
    const fence = kept.filter((l) => /^\s*`{3,}/.test(l)).length % 2 === 1 ? ['```'] : [];
    suppressed.lines += lines.length - kept.length;
    text = [...kept, ...fence, `- … ${lines.length - kept.length} more lines of this entry not shown (--format json has them)`].join('\n');
  }
  return `${text}\n`;
}

/** One `<details>` block per component (Terraform first, then by wave), split into continued blocks when over the budget. */
function componentBlocks(entries: readonly Entry[], suppressed: Suppressed, budget: number): string[] {
  const blocks: string[] = [];
  let i = 0;
  while (i < entries.length) {
    const first = entries[i]!;
    const group: Entry[] = [];
    while (i < entries.length && entries[i]!.section === first.section && entries[i]!.component === first.component) group.push(entries[i++]!);
    const rendered = group.map((e) => renderEntry(e, suppressed));
    const heading = blockHeading(first);
    let start = 0;
    while (start < group.length) {
      let size = 300 + heading.length;
      let end = start;
      while (end < group.length && (end === start || size + rendered[end]!.length + 1 <= budget)) size += rendered[end++]!.length + 1;
      blocks.push(details(blockSummary(heading, group.slice(start, end), start > 0), rendered.slice(start, end).join('\n')));
      start = end;
    }
  }
  return blocks;
}
