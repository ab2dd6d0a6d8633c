import { Type } from '@sinclair/typebox';
import { allowed } from '@wavesmith/model';

/** Replicas per environment: a cluster takes the count of its own `environment`. */
export function Replicas(dev: number, staging: number, prod: number, description = 'Replicas per environment; a cluster takes the count of its own environment.') {
  return Type.Object(
    {
      dev: Type.Integer({ minimum: 1, maximum: 100, default: dev }),
      staging: Type.Integer({ minimum: 1, maximum: 100, default: staging }),
      prod: Type.Integer({ minimum: 1, maximum: 100, default: prod }),
    },
    { additionalProperties: false, default: {}, description },
  );
}

/** A retention in days. */
export const Days = (days: number, description: string) => Type.Integer({ minimum: 1, maximum: 3650, default: days, description });

/** A volume size in GiB. */
export const GiB = (size: number, description: string) => Type.Integer({ minimum: 1, maximum: 16384, default: size, description });

/** A duration as Kubernetes controllers write it. */
export const Duration = (value: string, description: string) =>
  Type.String({ pattern: '^[0-9]+(s|m|h)$', default: value, description, ...allowed('a duration in seconds, minutes or hours, such as 30s, 2m or 1h') });
