import { parseCidr } from '@wavesmith/model';

/** Terraform local names: DNS names and labels with `-` and `.` turned into `_`. */
export function tfName(...parts: readonly string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** Availability zone of a subnet: the region plus the zone letter (`us-east-1` + `a`). */
export function availabilityZone(region: string, zone: string): string {
  return `${region}${zone}`;
}

/** A taint as `key=value:Effect`, the form of the kubelet's --register-with-taints, RKE2's node-taint and AKS node_taints. */
export function taintText(t: { readonly key: string; readonly value?: string; readonly effect: string }): string {
  return `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`;
}

/** The address `offset` places into a range (AKS puts cluster DNS at .10 of the Service range). */
export function hostAddress(cidr: string, offset: number): string {
  const range = parseCidr(cidr);
  if (!range) throw new Error(`"${cidr}" is not an IPv4 CIDR block`);
  const address = range.first + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
