import { formatLocation, isBlocking, type Finding, type RuleCatalogue } from '@wavesmith/model/finding';

/** The formats `validate` and `build` print findings in. */
export const FINDING_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly waived: number;
}

function count(findings: readonly Finding[]): Counts {
  return {
    errors: findings.filter(isBlocking).length,
    warnings: findings.filter((f) => f.severity === 'warning' && !f.waived).length,
    waived: findings.filter((f) => f.waived).length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const counted = (c: Counts) => [plural(c.errors, 'error'), plural(c.warnings, 'warning'), `${c.waived} waived`].join(', ');

/** Findings for a person: grouped by cluster and component, each with its place, severity, rule and message, and counts. */
export function textReport(findings: readonly Finding[], clusters: number): string {
  const lines: string[] = [];
  for (const cluster of [...new Set(findings.map((f) => f.cluster))]) {
    const own = findings.filter((f) => f.cluster === cluster);
    lines.push(`cluster ${cluster}: ${counted(count(own))}`);
    for (const component of [...new Set(own.map((f) => f.component ?? ''))]) {
      const theirs = own.filter((f) => (f.component ?? '') === component);
      lines.push(`  ${component === '' ? '(cluster)' : component}: ${counted(count(theirs))}`);
      for (const f of theirs) {
        const where = f.source ? formatLocation(f.source) : (f.file ?? '');
        const subject = [f.object ? `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}` : '', f.path ?? ''].filter((s) => s !== '').join(' ');
        lines.push(`    ${where}: ${f.waived ? 'waived' : f.severity} [${f.rule}] ${subject ? `${subject}: ` : ''}${f.message}`);
        if (f.file && f.source) lines.push(`      rendered in ${f.file}`);
        if (f.waived) lines.push(`      waived: ${f.waived.reason}${f.waived.expires ? ` (until ${f.waived.expires})` : ''}${f.waived.source ? ` at ${formatLocation(f.waived.source)}` : ''}`);
      }
    }
  }
  const total = count(findings);
  lines.push(`${plural(clusters, 'cluster')} checked: ${counted(total)}`);
  return lines.join('\n');
}

/** A finding as the JSON format prints it: the fields of docs/findings.schema.json. */
function publicFinding(f: Finding): Record<string, unknown> {
  const { rule, severity, cluster, component, object, file, path, specPath, message, source, waived } = f;
  return Object.fromEntries(Object.entries({ rule, severity, cluster, component, object, file, path, specPath, message, source, waived }).filter(([, v]) => v !== undefined));
}

/** The JSON format: every finding with counts; its schema is docs/findings.schema.json. */
export function jsonReport(findings: readonly Finding[], clusters: number, version: string): string {
  const total = count(findings);
  return JSON.stringify({ tool: 'wavesmith', version, clusters, ...total, findings: findings.map(publicFinding) }, null, 2);
}

/**
 * SARIF 2.1.0 for code scanning: one run, the rules of the findings as the tool's rules, each
 * result at its source file and line; a waived finding carries a suppression with its reason.
 */
export function sarifReport(findings: readonly Finding[], rules: RuleCatalogue, version: string): string {
  const ids = [...new Set(findings.map((f) => f.rule))].sort();
  const driverRules = ids.map((id) => {
    const rule = rules.get(id)!;
    return {
      id,
      shortDescription: { text: rule.summary },
      help: { text: rule.fix },
      defaultConfiguration: { level: rule.severity },
      properties: { waivable: rule.waivable },
    };
  });
  const results = findings.map((f) => {
    const location = f.source ?? { file: f.file ?? `clusters/${f.cluster}.ts` };
    return {
      ruleId: f.rule,
      ruleIndex: ids.indexOf(f.rule),
      level: f.severity,
      message: { text: `${f.object ? `${f.object.kind} ${f.object.name}: ` : ''}${f.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: location.file },
            ...(location.line === undefined ? {} : { region: { startLine: location.line, ...(location.column === undefined ? {} : { startColumn: location.column }) } }),
          },
          logicalLocations: [{ fullyQualifiedName: [f.cluster, f.component].filter(Boolean).join('/'), kind: 'module' }],
        },
      ],
      ...(f.waived ? { suppressions: [{ kind: 'inSource', justification: f.waived.reason }] } : {}),
      properties: publicFinding(f),
    };
  });
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'wavesmith', version, informationUri: 'https://github.com/wavesmith/wavesmith', rules: driverRules } }, results }],
    },
    null,
    2,
  );
}

/** GitHub workflow commands escape `%`, CR and LF in data, and also `:` and `,` in properties. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=...,line=...,col=...,title=...::message`, one per finding not waived. */
export function githubReport(findings: readonly Finding[]): string {
  return findings
    .filter((f) => !f.waived)
    .map((f) => {
      const location = f.source ?? { file: f.file ?? `clusters/${f.cluster}.ts` };
      const properties = [
        `file=${escapeProperty(location.file)}`,
        ...(location.line === undefined ? [] : [`line=${location.line}`]),
        ...(location.column === undefined ? [] : [`col=${location.column}`]),
        `title=${escapeProperty(`${f.rule} (${[f.cluster, f.component].filter(Boolean).join('/')})`)}`,
      ];
      return `::${f.severity} ${properties.join(',')}::${escapeData(`${f.path ? `${f.path}: ` : ''}${f.message}`)}`;
    })
    .join('\n');
}
