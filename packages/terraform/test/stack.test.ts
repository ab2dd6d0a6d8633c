import { describe, expect, it } from 'vitest';
import { Expression, Ref, fn, interpolate } from '../src/expression.js';
import { Resource, Stack } from '../src/stack.js';
import { render } from './helpers.js';

describe('Stack', () => {
  it('serialises a reference from a declared handle as a ${...} template', () => {
    const { doc, problems } = render((stack) => {
      const vpc = stack.resource('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
      stack.resource('aws_subnet', 'a', { vpc_id: vpc.id, cidr_block: '10.0.1.0/24' });
    });
    expect(doc.resource.aws_subnet.a.vpc_id).toBe('${aws_vpc.main.id}');
    expect(problems).toEqual([]);
  });

  it('escapes template syntax in literal strings so that text is never evaluated', () => {
    const { doc } = render((stack) => stack.resource('aws_s3_bucket', 'b', { bucket: 'literal-${not.a.ref}-%{if}' }));
    expect(doc.resource.aws_s3_bucket.b.bucket).toBe('literal-$${not.a.ref}-%%{if}');
  });

  it('pins the providers the resources use and nothing else, with S3 state locking', () => {
    const { doc } = render((stack) => {
      stack.backend('s3', { bucket: 'state', key: 'k', region: 'us-east-1', use_lockfile: true });
      stack.resource('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
      stack.resource('random_password', 'p', { length: 32 });
    });
    expect(doc.terraform.required_providers).toEqual({
      aws: { source: 'hashicorp/aws', version: '~> 6.0' },
      random: { source: 'hashicorp/random', version: '~> 3.7' },
    });
    expect(doc.terraform.backend.s3.use_lockfile).toBe(true);
  });

  it('renders blocks in declaration order with meta-arguments last and the comment first', () => {
    const { doc } = render((stack) => {
      const role = stack.resource('aws_iam_role', 'r', { name: 'r' });
      stack.resource('aws_eks_node_group', 'g', { node_group_name: 'g' }, { dependsOn: [role], ignoreChanges: ['scaling_config[0].desired_size'], comment: 'why' });
    });
    expect(Object.keys(doc.resource)).toEqual(['aws_iam_role', 'aws_eks_node_group']);
    expect(Object.keys(doc.resource.aws_eks_node_group.g)).toEqual(['//', 'node_group_name', 'depends_on', 'lifecycle']);
    expect(doc.resource.aws_eks_node_group.g.depends_on).toEqual(['aws_iam_role.r']);
    expect(doc.resource.aws_eks_node_group.g.lifecycle).toEqual({ ignore_changes: ['scaling_config[0].desired_size'] });
  });

  it('builds templates and function calls from references', () => {
    const { doc, problems } = render((stack) => {
      const bucket = stack.resource('aws_iam_role', 'b', { name: 'b' });
      const password = stack.resource('random_password', 'p', { length: 8 });
      stack.output('objects', { value: interpolate`${bucket.arn}/*`, description: 'objects' });
      stack.resource('aws_secretsmanager_secret_version', 's', { secret_id: 'app', secret_string: fn.jsonencode({ user: 'app', password: password.attr('result') }) });
    });
    expect(doc.output.objects.value).toBe('${aws_iam_role.b.arn}/*');
    expect(doc.resource.aws_secretsmanager_secret_version.s.secret_string).toBe('${jsonencode({ "user" = "app", "password" = random_password.p.result })}');
    expect(problems).toEqual([]);
  });

  it('rejects a resource declared twice and a name that is not an identifier', () => {
    const stack = new Stack();
    stack.resource('aws_vpc', 'main', {});
    expect(() => stack.resource('aws_vpc', 'main', {})).toThrow('resource aws_vpc "main" is declared twice');
    expect(() => stack.resource('aws_vpc', '1st', {})).toThrow('is not a Terraform identifier');
  });

  it('rejects references minted outside a stack at run time too', () => {
    expect(() => new (Ref as any)(Symbol('forged'), 'aws_vpc.main.id')).toThrow('obtain references from a declared');
    expect(() => new (Resource as any)(Symbol('forged'), 'aws_vpc', 'main')).toThrow('declare resources with Stack.resource()');
  });

  it('does not compile a reference to a resource that was not declared', () => {
    const stack = new Stack();
    const subnet = stack.resource('aws_subnet', 'a', { cidr_block: '10.0.1.0/24' });
    const takesVpc = (vpcId: Ref<'aws_vpc'>): Expression => vpcId;
    // Type-checked by tsc, never run: each line must fail to compile.
    const attempts = (): unknown[] => [
      // @ts-expect-error a reference can only come from a handle; there is no way to name one by string
      takesVpc('${aws_vpc.main.id}'),
      // @ts-expect-error a reference to an aws_subnet is not a reference to an aws_vpc
      takesVpc(subnet.id),
      // @ts-expect-error references cannot be constructed without the package's private key
      new Ref<'aws_vpc'>('aws_vpc.main.id'),
      // @ts-expect-error the stack has no method that turns a string into a reference
      stack.ref('aws_vpc.main.id'),
    ];
    expect(attempts).toBeTypeOf('function');
    expect(subnet.id.hcl).toBe('aws_subnet.a.id');
  });
});
