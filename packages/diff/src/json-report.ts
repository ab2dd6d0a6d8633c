import type { DiffReportInput } from './markdown-report.js';
import { RISK_EXPLANATIONS, RISK_IDS } from './risks.js';
import { clusterRows, totalRow } from './summary.js';

/** The whole diff as data: sides, per-cluster counts, every entry with every field. Sensitive values are already hidden in the entries. */
export function jsonReport(input: DiffReportInput): string {
  const rows = clusterRows(input.diff);
  const risks = Object.fromEntries(RISK_IDS.map((id) => [id, RISK_EXPLANATIONS[id]]));
  const report = {
    base: input.base,
    head: input.head,
    clusters: rows,
    total: totalRow(rows),
    unchanged: input.diff.unchanged,
    risks,
    entries: input.entries,
    hiddenSensitiveValues: input.entries.reduce((n, e) => n + e.hidden, 0),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
