import { Type, type Static } from '@sinclair/typebox';
import { DnsLabel, StringEnum } from './schema-helpers.js';

// Placeholder owned by the workloads work (issue 4): one typed props object per business chart.
export const APP_CHARTS = ['web-service', 'postgres'] as const;

export const AppSchema = Type.Object(
  {
    name: DnsLabel,
    chart: StringEnum(APP_CHARTS),
    replicas: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type AppSpec = Static<typeof AppSchema>;
