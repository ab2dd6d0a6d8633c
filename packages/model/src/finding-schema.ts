import { Type } from '@sinclair/typebox';
import { RULE_ID_PATTERN, SEVERITIES } from './finding.js';

/*
 * The published JSON Schema of findings (docs/findings.schema.json), apart from finding.ts so
 * that reading findings (a build of an unchanged repository) does not load TypeBox.
 */

const Location = Type.Object(
  {
    /** Repository-relative path: a cluster or profile file, or the catalogue or app file whose default it is. */
    file: Type.String(),
    /** 1-based; absent when only the file is known. */
    line: Type.Optional(Type.Integer({ minimum: 1 })),
    column: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const ObjectRefSchema = Type.Object(
  {
    apiVersion: Type.Optional(Type.String()),
    kind: Type.String(),
    namespace: Type.Optional(Type.String()),
    name: Type.String(),
  },
  { additionalProperties: false },
);

/** One finding as the JSON format prints it; the JSON Schema published in docs/findings.schema.json. */
export const FindingSchema = Type.Object(
  {
    rule: Type.String({ pattern: RULE_ID_PATTERN }),
    severity: Type.Union(SEVERITIES.map((s) => Type.Literal(s))),
    cluster: Type.String(),
    /** The platform component, app entry or Argo CD Application. */
    component: Type.Optional(Type.String()),
    object: Type.Optional(ObjectRefSchema),
    /** The rendered file (`dist/...`), for output findings. */
    file: Type.Optional(Type.String()),
    /** JSON Pointer into what was checked: the cluster spec, a rendered object or a Terraform document. */
    path: Type.Optional(Type.String()),
    /** JSON Pointer into the cluster spec of the value that caused it, when known. */
    specPath: Type.Optional(Type.String()),
    message: Type.String({ minLength: 1 }),
    source: Type.Optional(Location),
    /** Present when a waiver of the cluster spec covers it; a waived finding does not fail the build. */
    waived: Type.Optional(
      Type.Object(
        { reason: Type.String(), expires: Type.Optional(Type.String()), specPath: Type.String(), source: Type.Optional(Location) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The JSON Schema of `wavesmith validate --format json` (published as docs/findings.schema.json). */
export const FindingsReportSchema = Type.Object(
  {
    tool: Type.Literal('wavesmith'),
    version: Type.String(),
    clusters: Type.Integer({ minimum: 0, description: 'Clusters checked.' }),
    errors: Type.Integer({ minimum: 0, description: 'Errors no waiver covers: any fails the command.' }),
    warnings: Type.Integer({ minimum: 0 }),
    waived: Type.Integer({ minimum: 0 }),
    findings: Type.Array(FindingSchema),
  },
  { additionalProperties: false, title: 'Wavesmith findings (wavesmith validate --format json)' },
);
