import { describe, expect, it } from 'vitest';
import { compareTrees } from '../src/compare-trees.js';
import { jsonReport } from '../src/json-report.js';
import { fleetTree } from './trees.js';

describe('jsonReport', () => {
  it('holds every field and the risk catalogue, with sensitive values hidden', () => {
    const tf = (password: string, cls: string) => ({ terraform: { resource: { aws_db_instance: { db: { engine: 'postgres', password, instance_class: cls } } } } });
    const report = JSON.parse(jsonReport({ base: { label: 'a', origin: 'folder' }, head: { label: 'b', origin: 'folder' }, ...compareTrees(fleetTree({ c: tf('one', 'db.t4g.small') }), fleetTree({ c: tf('two', 'db.t4g.large') })) }));
    expect(report.entries[0].fields).toEqual([
      { path: 'instance_class', variants: [{ clusters: ['c'], before: 'db.t4g.small', after: 'db.t4g.large' }] },
      { path: 'password', variants: [{ clusters: ['c'], before: '(sensitive value hidden)', after: '(sensitive value hidden)' }] },
    ]);
    expect(report.hiddenSensitiveValues).toBe(2);
    expect(Object.keys(report.risks)).toContain('tf-replace');
    expect(report.total.terraform).toEqual({ added: 0, changed: 1, removed: 0 });
  });
});
