import { describe, expect, it } from 'vitest';
import { albIngress } from '../src/alb-ingress.js';
import { ingressLines, network, render, SEED_001_SUBNETS } from './helpers.js';

const renderAlb = () =>
  render((stack) => {
    const net = network(stack, '10.0.0.0/16', SEED_001_SUBNETS);
    const server = stack.resource('aws_instance', 'server_1', { root_block_device: { encrypted: true } });
    return albIngress(stack, {
      name: 'vet-rke2-prod',
      vpcId: net.vpc.id,
      subnetIds: net.publicSubnets.map((s) => s.subnet.id),
      targets: [server],
      zone: 'example.com',
      hostnames: ['vet-app', 'rancher.vet-app'],
    });
  });

describe('albIngress', () => {
  it('renders seed 001: internet-facing ALB forwarding HTTPS to the servers on 443, health-checked where ingress-nginx answers, /healthz', () => {
    const { resource, problems } = renderAlb();
    expect(resource('aws_lb').ingress).toMatchObject({ internal: false, load_balancer_type: 'application', subnets: ['${aws_subnet.public_a.id}', '${aws_subnet.public_b.id}'] });
    expect(resource('aws_lb_target_group').ingress).toMatchObject({ port: 443, protocol: 'HTTPS', health_check: { protocol: 'HTTPS', path: '/healthz', matcher: '200' } });
    expect(resource('aws_lb_target_group_attachment').ingress_server_1).toMatchObject({ target_id: '${aws_instance.server_1.id}', port: 443 });
    expect(problems).toEqual([]);
  });

  it('redirects HTTP to HTTPS and terminates TLS with the validated certificate', () => {
    const { resource } = renderAlb();
    expect(resource('aws_lb_listener').http.default_action).toEqual({ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } });
    expect(resource('aws_lb_listener').https).toMatchObject({
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: '${aws_acm_certificate_validation.ingress.certificate_arn}',
    });
    expect(resource('aws_acm_certificate').ingress).toMatchObject({ domain_name: 'vet-app.example.com', subject_alternative_names: ['rancher.vet-app.example.com'], validation_method: 'DNS' });
    expect(resource('aws_route53_record').certificate_validation_1.name).toBe(
      '${one([for o in aws_acm_certificate.ingress.domain_validation_options : o.resource_record_name if o.domain_name == "rancher.vet-app.example.com"])}',
    );
  });

  it('points the host names at the ALB with alias records', () => {
    const { resource } = renderAlb();
    expect(resource('aws_route53_record').rancher_vet_app).toMatchObject({
      zone_id: '${data.aws_route53_zone.main.zone_id}',
      name: 'rancher.vet-app.example.com',
      type: 'A',
      alias: { name: '${aws_lb.ingress.dns_name}', zone_id: '${aws_lb.ingress.zone_id}', evaluate_target_health: true },
    });
  });

  it('opens only 80 and 443 to the internet on the load balancer', () => {
    const { resource } = renderAlb();
    expect(ingressLines(resource, 'alb')).toEqual(['tcp 80 from 0.0.0.0/0', 'tcp 443 from 0.0.0.0/0']);
  });
});
