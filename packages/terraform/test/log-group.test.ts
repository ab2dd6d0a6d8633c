import { describe, expect, it } from 'vitest';
import { logGroup } from '../src/log-group.js';
import { render } from './helpers.js';

describe('logGroup', () => {
  it('creates a log group with the default 30-day retention, named after its path', () => {
    const { resource, problems } = render((stack) => logGroup(stack, { name: '/tbyte/backend' }));
    expect(resource('aws_cloudwatch_log_group')).toEqual({ app_tbyte_backend: { name: '/tbyte/backend', retention_in_days: 30 } });
    expect(problems).toEqual([]);
  });

  it('keeps the retention it is given', () => {
    const { resource } = render((stack) => logGroup(stack, { name: 'apps', retentionDays: 7 }));
    expect(resource('aws_cloudwatch_log_group').app_apps.retention_in_days).toBe(7);
  });
});
