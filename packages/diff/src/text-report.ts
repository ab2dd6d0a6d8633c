import { entryBody, entryTitle, type Style } from './entry-lines.js';
import { APP_OF_APPS } from './fleet-tree.js';
import type { DiffReportInput } from './markdown-report.js';
import { RISK_EXPLANATIONS, RISK_IDS } from './risks.js';
import { clusterRows, riskCounts, totalRow } from './summary.js';
import { describeSide } from './tree-side.js';
import { noneSuppressed } from './value-text.js';

const textStyle: Style = {
  text: (text) => text,
  code: (text) => text,
  strong: (text) => text,
  item: (depth, text) => `${'    '.repeat(depth + 1)}${text}`,
  diffBlock: (depth, lines) => lines.map((l) => `${'    '.repeat(depth + 1)}${l}`),
  warn: '!',
  arrow: '->',
};

/** The diff for a terminal: sides, one row per changed cluster, every risk, then each change by component in wave order. */
export function textReport(input: DiffReportInput): string {
  const { diff, entries } = input;
  const suppressed = noneSuppressed();
  const out: string[] = [`base: ${describeSide(input.base)}`, `head: ${describeSide(input.head)}`, ''];
  const rows = clusterRows(diff);
  if (rows.length === 0) out.push(`No changes in ${diff.unchanged.length} cluster${diff.unchanged.length === 1 ? '' : 's'}.`);
  else {
    const table = [
      ['CLUSTER', 'COMPONENTS', 'OBJECTS +/~/-', 'TERRAFORM +/~/-', 'RISKS'],
      ...[...rows, { ...totalRow(rows), cluster: 'all', status: 'changed' as const }].map((r) => [
        r.status === 'changed' ? r.cluster : `${r.cluster} (${r.status})`,
        String(r.components),
        `${r.objects.added}/${r.objects.changed}/${r.objects.removed}`,
        `${r.terraform.added}/${r.terraform.changed}/${r.terraform.removed}`,
        riskCounts(r.risks, 'x') || '-',
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    out.push(...table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()));
    if (diff.unchanged.length > 0) out.push(`unchanged: ${diff.unchanged.join(', ')}`);
  }
  const risks = entries.flatMap((e) => e.risks);
  if (risks.length > 0) {
    out.push('', 'RISKS');
    for (const r of risks) out.push(`  ${r.id}: ${r.detail} [${r.clusters.join(', ')}]`);
    for (const id of RISK_IDS.filter((i) => risks.some((r) => r.id === i))) out.push(`  (${id}: ${RISK_EXPLANATIONS[id]})`);
  }
  let heading = '';
  for (const entry of entries) {
    const h =
      entry.section === 'terraform'
        ? 'Terraform'
        : entry.section === 'file'
          ? `file ${entry.component}`
          : entry.component === APP_OF_APPS
            ? 'app of apps'
            : `wave ${entry.wave === Number.MAX_SAFE_INTEGER ? '?' : entry.wave} · ${entry.component}${entry.tier ? ` (${entry.tier})` : ''}`;
    if (h !== heading) out.push('', `== ${h} ==`);
    heading = h;
    out.push(`  ${entryTitle(entry, textStyle)}  [${entry.clusters.join(', ')}]`, ...entryBody(entry, textStyle, suppressed));
  }
  const left = [
    suppressed.sensitive && `${suppressed.sensitive} sensitive values`,
    suppressed.shortened && `${suppressed.shortened} long values shortened`,
    suppressed.lines && `${suppressed.lines} lines of text changes`,
    suppressed.fields && `${suppressed.fields} fields`,
  ].filter(Boolean);
  if (left.length > 0) out.push('', `not shown: ${left.join(', ')} (--format json has every field; sensitive values stay hidden)`);
  return out.join('\n');
}
