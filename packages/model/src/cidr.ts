/** An IPv4 network in CIDR notation, parsed once so ranges can be compared as integers. */
export interface Ipv4Cidr {
  readonly text: string;
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined for anything else, including host bits set (10.0.1.5/16). */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { text, first: address, last: address + size - 1, prefix };
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The number of addresses in the block. */
export function cidrSize(c: Ipv4Cidr): number {
  return c.last - c.first + 1;
}

/** Every IPv4 address. */
export const IPV4_ADDRESSES = 2 ** 32;

/** The private ranges of RFC 1918, which the internet does not route. */
export const PRIVATE_RANGES: readonly Ipv4Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((text) => parseCidr(text)!);

/**
 * How many addresses the blocks cover together, each counted once, leaving out `except`: what a
 * list of ranges really opens (0.0.0.0/1 plus 128.0.0.0/1 is every address, as 0.0.0.0/0 is).
 */
export function coveredAddresses(blocks: readonly Ipv4Cidr[], except: readonly Ipv4Cidr[] = []): number {
  const merged = mergeRanges(blocks);
  const removed = mergeRanges(except);
  let total = 0;
  for (const range of merged) {
    total += range.last - range.first + 1;
    for (const hole of removed) {
      const first = Math.max(range.first, hole.first);
      const last = Math.min(range.last, hole.last);
      if (first <= last) total -= last - first + 1;
    }
  }
  return total;
}

/** Sorted, disjoint ranges covering exactly the addresses of `blocks`. */
function mergeRanges(blocks: readonly Ipv4Cidr[]): { first: number; last: number }[] {
  const sorted = [...blocks].sort((a, b) => a.first - b.first);
  const merged: { first: number; last: number }[] = [];
  for (const { first, last } of sorted) {
    const previous = merged.at(-1);
    if (previous !== undefined && first <= previous.last + 1) previous.last = Math.max(previous.last, last);
    else merged.push({ first, last });
  }
  return merged;
}
