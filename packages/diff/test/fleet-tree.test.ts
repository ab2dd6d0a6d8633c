import { describe, expect, it } from 'vitest';
import { DiffError } from '../src/diff-error.js';
import { APP_OF_APPS, parseFleet } from '../src/fleet-tree.js';
import { application, configMap, fleetTree } from './trees.js';

describe('parseFleet', () => {
  it('files objects under their cluster and component, Applications under the component they deploy', () => {
    const tree = fleetTree({ c: { components: [{ name: 'web', wave: 7, tier: 'business' }], objects: [{ component: 'web', body: configMap('cfg', { a: '1' }) }, { component: 'web', body: application('web') }] } });
    tree.set('argocd-apps/c.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: c-root\n  namespace: argocd\n');
    const c = parseFleet(tree).clusters.get('c')!;
    expect([...c.objects.values()].map((o) => [o.ref.kind, o.ref.name, o.component])).toEqual([
      ['Application', 'c-root', APP_OF_APPS],
      ['ConfigMap', 'cfg', 'web'],
      ['Application', 'web', 'web'],
    ]);
    expect(c.components.get('web')).toEqual({ name: 'web', tier: 'business', wave: 7 });
  });

  it('addresses Terraform blocks by section, type and name', () => {
    const tree = fleetTree({ c: { terraform: { terraform: { required_version: '>= 1.9' }, provider: { aws: { region: 'us-east-1' } }, resource: { aws_vpc: { main: {} } }, data: { aws_ami: { al2023: {} } }, output: { id: { value: 1 } }, variable: { region: {} }, locals: { tags: {} } } } });
    expect([...parseFleet(tree).clusters.get('c')!.terraform.keys()]).toEqual(['terraform', 'provider.aws', 'aws_vpc.main', 'data.aws_ami.al2023', 'output.id', 'var.region', 'local.tags']);
  });

  it('does not compare the derived README.md, and compares unknown files as text', () => {
    const c = parseFleet(new Map([['dist/c/README.md', '# c'], ['dist/c/notes.txt', 'hello']])).clusters.get('c')!;
    expect([...c.files.keys()]).toEqual(['dist/c/notes.txt']);
  });

  it('rejects YAML that does not parse, naming the file, line and column', () => {
    expect(() => parseFleet(new Map([['dist/c/apps/web/x.yaml', 'apiVersion: v1\nkind: [ConfigMap\n']]))).toThrow(/^dist\/c\/apps\/web\/x\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('rejects an object without a name, naming the file and document', () => {
    const run = () => parseFleet(new Map([['dist/c/apps/web/x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n']]));
    expect(run).toThrow(DiffError);
    expect(run).toThrow('dist/c/apps/web/x.yaml (document 2): metadata.name is undefined; every object needs a non-empty metadata.name');
  });

  it('rejects an object that appears twice in a cluster, naming both files', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: n\n';
    expect(() => parseFleet(new Map([['dist/c/apps/x/a.yaml', doc], ['dist/c/apps/y/a.yaml', doc]]))).toThrow(
      'dist/c/apps/y/a.yaml (document 1): ConfigMap n/a is also in dist/c/apps/x/a.yaml; an object may appear once per cluster',
    );
  });

  it('rejects Terraform JSON that does not parse, naming the file and quoting the place', () => {
    expect(() => parseFleet(new Map([['dist/c/terraform/main.tf.json', '{\n  "resource": {\n    "aws_vpc": }\n}\n']]))).toThrow(/^dist\/c\/terraform\/main\.tf\.json(:3)?: not valid JSON: .*"aws_vpc": }/s);
  });
});
