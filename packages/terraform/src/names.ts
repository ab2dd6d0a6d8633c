/** Terraform local names: DNS names and labels with `-` and `.` turned into `_`. */
export function tfName(...parts: readonly string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** Availability zone of a subnet: the region plus the zone letter (`us-east-1` + `a`). */
export function availabilityZone(region: string, zone: string): string {
  return `${region}${zone}`;
}
