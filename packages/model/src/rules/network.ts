import { cidrContains, cidrsOverlap, coveredAddresses, IPV4_ADDRESSES, parseCidr, PRIVATE_RANGES, type Ipv4Cidr } from '../cidr.js';
import { checkUniqueNames, type Report, type SpecRule } from '../rule.js';
import type { ClusterSpec } from '../spec.js';

/** Subnets inside the network and apart from each other; Service and Pod ranges apart from all. */
export const checkNetwork: SpecRule = (spec, report) => {
  const { network } = spec;
  checkUniqueNames(network.subnets, '/network/subnets', 'subnet', report);
  const vpc = parseCidr(network.cidr);
  if (!vpc) return; // already reported by the schema
  const placed: { cidr: Ipv4Cidr; path: string; name: string }[] = [];
  network.subnets.forEach((subnet, i) => {
    const path = `/network/subnets/${i}/cidr`;
    const cidr = parseCidr(subnet.cidr);
    if (!cidr) return;
    if (!cidrContains(vpc, cidr)) {
      report('subnet-outside-network', path, subnet.cidr, `a range inside the network ${network.cidr} (subnet "${subnet.name}" lies outside it)`);
      return;
    }
    const clash = placed.find((p) => cidrsOverlap(p.cidr, cidr));
    if (clash) report('subnet-overlap', path, subnet.cidr, `a range that does not overlap subnet "${clash.name}" (${clash.cidr.text})`);
    placed.push({ cidr, path, name: subnet.name });
  });

  const ranges: [string, string | undefined][] = [
    ['/network/serviceCidr', network.serviceCidr],
    ['/network/podCidr', network.podCidr],
  ];
  const seenRanges: { path: string; cidr: Ipv4Cidr }[] = [{ path: '/network/cidr', cidr: vpc }];
  for (const [path, text] of ranges) {
    const cidr = text === undefined ? undefined : parseCidr(text);
    if (!cidr) continue;
    const clash = seenRanges.find((r) => cidrsOverlap(r.cidr, cidr));
    if (clash) report('cidr-overlap', path, text, `a range apart from ${clash.path} (${clash.cidr.text})`);
    seenRanges.push({ path, cidr });
  }

  checkAdminCidrs(network.adminCidrs, report);

  if (spec.provider.cloud === 'aws') checkAwsSubnetZones(spec, report);
  else {
    network.subnets.forEach((s, i) => {
      if (s.zone !== undefined) report('subnet-zone', `/network/subnets/${i}/zone`, s.zone, 'no zone: Azure subnets span the whole region');
    });
  }
};

function checkAwsSubnetZones(spec: ClusterSpec, report: Report): void {
  const { subnets } = spec.network;
  subnets.forEach((s, i) => {
    if (s.zone === undefined) report('subnet-zone', `/network/subnets/${i}/zone`, undefined, 'an availability zone letter (a to f): AWS subnets live in one zone');
    if (s.role === 'app-gateway') report('subnet-zone', `/network/subnets/${i}/role`, s.role, 'public or private (app-gateway subnets are Azure only)');
  });
  const privateZones = new Set(subnets.filter((s) => s.role === 'private' && s.zone).map((s) => s.zone));
  const publicZones = new Set(subnets.filter((s) => s.role === 'public' && s.zone).map((s) => s.zone));
  if (spec.distribution === 'eks' && privateZones.size < 2) {
    report('eks-private-zones', '/network/subnets', [...privateZones], 'private subnets in at least 2 availability zones (EKS requires two)');
  }
  const nat = spec.network.natGateways ?? 'one-per-az';
  if (nat !== 'none' && publicZones.size === 0) {
    report('nat-gateway-placement', '/network/natGateways', nat, '"none", or a public subnet to place the NAT gateway in');
  }
  if (nat === 'one-per-az') {
    for (const zone of [...privateZones].sort()) {
      if (!publicZones.has(zone)) {
        report('nat-gateway-placement', '/network/natGateways', nat, `"single", or a public subnet in zone ${zone} for that zone's NAT gateway`);
      }
    }
  }
}

/** Addresses of the internet beyond which admin ranges are too broad: a /8. */
const BROAD_ADMIN_ADDRESSES = 2 ** 24;

/**
 * Admin ranges are judged by what they open together: ranges that cover every address are the
 * world however they are split, and public addresses past a /8 are too many to be operators.
 */
function checkAdminCidrs(texts: readonly string[], report: Report): void {
  const cidrs = texts.map((text) => parseCidr(text));
  const valid = cidrs.filter((c): c is Ipv4Cidr => c !== undefined);
  const world = cidrs.findIndex((c) => c?.prefix === 0);
  const never = 'specific operator ranges such as 203.0.113.0/24; admin ports are never open to the whole internet';
  if (world !== -1) report('admin-cidr-world', `/network/adminCidrs/${world}`, texts[world], `${never}`);
  else if (coveredAddresses(valid) === IPV4_ADDRESSES) report('admin-cidr-world', '/network/adminCidrs', texts, `${never} (together these ranges cover every address, as 0.0.0.0/0 does)`);
  else {
    const open = coveredAddresses(valid, PRIVATE_RANGES);
    if (open > BROAD_ADMIN_ADDRESSES) {
      report('admin-cidr-broad', '/network/adminCidrs', texts, `ranges that open the admin ports to at most ${BROAD_ADMIN_ADDRESSES} internet addresses (a /8); these open ${open}`);
    }
  }
}
