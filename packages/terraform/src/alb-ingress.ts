import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS, dnsRecordHost } from '@wavesmith/model';
import { fn, type Ref } from './expression.js';
import { SecurityGroup } from './security-group.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface AlbIngressProps {
  /** Prefix of names (the cluster name). */
  readonly name: string;
  readonly vpcId: Ref<'aws_vpc'>;
  /** Public subnets in at least two zones. */
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  /** Instances serving HTTPS (RKE2 servers running the ingress controller). */
  readonly targets: readonly Resource<'aws_instance'>[];
  /** Existing Route 53 public zone (`example.com`). */
  readonly zone: string;
  /** Host names in the zone (`vet-app`, `rancher`); the first is the certificate's subject. */
  readonly hostnames: readonly string[];
  /** @default 443 */
  readonly targetPort?: number;
  /** @default /ping */
  readonly healthCheckPath?: string;
  /** @default ELBSecurityPolicy-TLS13-1-2-2021-06 */
  readonly sslPolicy?: string;
}

export interface AlbIngress {
  readonly loadBalancer: Resource<'aws_lb'>;
  /** The load balancer's security group: targets admit HTTP(S) from it. */
  readonly securityGroup: SecurityGroup;
}

/**
 * An internet-facing ALB: HTTP redirects to HTTPS, HTTPS (with a DNS-validated ACM
 * certificate for every host name) forwards to the targets over HTTPS, health-checked on a path;
 * Route 53 alias records point the host names at it.
 */
export function albIngress(stack: Stack, props: AlbIngressProps): AlbIngress {
  const p = withDefaults(CLOUD_DEFAULTS.loadBalancer, props);
  const [subject, ...alternatives] = props.hostnames.map((h) => dnsRecordHost(props.zone, h));
  if (subject === undefined) throw new Error('albIngress: hostnames is empty; give at least one host name for the certificate');
  const securityGroup = new SecurityGroup(stack, 'alb', {
    name: `${props.name}-alb`,
    description: `${props.name} load balancer`,
    vpcId: props.vpcId,
    ingress: [
      { name: 'http', description: 'HTTP from the internet (redirected to HTTPS)', fromPort: 80, source: { cidrs: ['0.0.0.0/0'] } },
      { name: 'https', description: 'HTTPS from the internet', fromPort: 443, source: { cidrs: ['0.0.0.0/0'] } },
    ],
  });
  const loadBalancer = stack.resource('aws_lb', 'ingress', {
    name: `${props.name}-alb`.slice(0, 32),
    internal: false,
    load_balancer_type: 'application',
    security_groups: [securityGroup.id],
    subnets: props.subnetIds,
    drop_invalid_header_fields: true,
  });
  const targetGroup = stack.resource('aws_lb_target_group', 'ingress', {
    name: `${props.name}-ingress`.slice(0, 32),
    port: p.targetPort,
    protocol: 'HTTPS',
    target_type: 'instance',
    vpc_id: props.vpcId,
    health_check: { enabled: true, protocol: 'HTTPS', path: p.healthCheckPath, port: 'traffic-port', matcher: '200', interval: 15, healthy_threshold: 2, unhealthy_threshold: 3 },
  });
  // Named after the instance, so that adding or removing one leaves the others' attachments alone.
  for (const target of props.targets) {
    stack.resource('aws_lb_target_group_attachment', tfName('ingress', target.name), { target_group_arn: targetGroup.arn, target_id: target.id, port: p.targetPort });
  }

  const zone = stack.data('aws_route53_zone', 'main', { name: props.zone, private_zone: false });
  const certificate = stack.resource(
    'aws_acm_certificate',
    'ingress',
    { domain_name: subject, subject_alternative_names: alternatives.length > 0 ? alternatives : undefined, validation_method: 'DNS' },
    { createBeforeDestroy: true },
  );
  const options = certificate.attr('domain_validation_options');
  const validations = [subject, ...alternatives].map((domain, i) =>
    stack.resource('aws_route53_record', tfName('certificate_validation', String(i)), {
      zone_id: zone.attr('zone_id'),
      name: fn.pick(options, 'domain_name', domain, 'resource_record_name'),
      type: fn.pick(options, 'domain_name', domain, 'resource_record_type'),
      records: [fn.pick(options, 'domain_name', domain, 'resource_record_value')],
      ttl: 60,
      allow_overwrite: true,
    }),
  );
  const validated = stack.resource('aws_acm_certificate_validation', 'ingress', {
    certificate_arn: certificate.arn,
    validation_record_fqdns: validations.map((r) => r.attr('fqdn')),
  });

  stack.resource('aws_lb_listener', 'http', {
    load_balancer_arn: loadBalancer.arn,
    port: 80,
    protocol: 'HTTP',
    default_action: { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } },
  });
  stack.resource('aws_lb_listener', 'https', {
    load_balancer_arn: loadBalancer.arn,
    port: 443,
    protocol: 'HTTPS',
    ssl_policy: p.sslPolicy,
    certificate_arn: validated.attr('certificate_arn'),
    default_action: { type: 'forward', target_group_arn: targetGroup.arn },
  });
  props.hostnames.forEach((host) => {
    stack.resource('aws_route53_record', tfName(host), {
      zone_id: zone.attr('zone_id'),
      name: dnsRecordHost(props.zone, host),
      type: 'A',
      alias: { name: loadBalancer.attr('dns_name'), zone_id: loadBalancer.attr('zone_id'), evaluate_target_health: true },
    });
  });
  return { loadBalancer, securityGroup };
}
