import { CLOUD_DEFAULTS, type LogRetentionDays } from '@wavesmith/model';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface LogGroupProps {
  readonly name: string;
  /** @default 30 */
  readonly retentionDays?: LogRetentionDays;
}

/** A CloudWatch log group with a retention, so logs never pile up forever. */
export function logGroup(stack: Stack, props: LogGroupProps): Resource<'aws_cloudwatch_log_group'> {
  const id = tfName(props.name.replace(/^\/+/, '').replace(/[^A-Za-z0-9-]+/g, '_'));
  return stack.resource('aws_cloudwatch_log_group', tfName('app', id), { name: props.name, retention_in_days: props.retentionDays ?? CLOUD_DEFAULTS.logRetentionDays });
}
