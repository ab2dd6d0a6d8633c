import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, cidrSize, coveredAddresses, IPV4_ADDRESSES, parseCidr, PRIVATE_RANGES } from '../src/index.js';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test CIDR ${text} did not parse`);
  return parsed;
};

describe('parseCidr', () => {
  it('parses a network and its size', () => {
    expect(cidr('10.1.16.0/20')).toMatchObject({ prefix: 20 });
    expect(cidrSize(cidr('10.1.16.0/20'))).toBe(4096);
    expect(cidrSize(cidr('203.0.113.10/32'))).toBe(1);
  });

  it.each(['10.0.0.0/33', '10.0.0.256/24', '10.0.0.5/24', '10.0.0/24', '10.0.0.0', ' 10.0.0.0/8', '10.0.0.0/8 '])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('cidr arithmetic', () => {
  it('finds subnets inside their network and outside others', () => {
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.1.80.0/20'))).toBe(true);
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.2.0.0/20'))).toBe(false);
    expect(cidrContains(cidr('10.1.0.0/20'), cidr('10.1.0.0/16'))).toBe(false);
  });

  it('detects overlaps, including touching edges but not neighbours', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.128/25'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
    expect(cidrsOverlap(cidr('0.0.0.0/0'), cidr('192.168.1.0/24'))).toBe(true);
  });
});

describe('coveredAddresses', () => {
  it('counts what ranges open together, each address once', () => {
    expect(coveredAddresses([cidr('0.0.0.0/1'), cidr('128.0.0.0/1')])).toBe(IPV4_ADDRESSES);
    expect(coveredAddresses([cidr('10.0.0.0/16'), cidr('10.0.1.0/24')])).toBe(65536);
    expect(coveredAddresses([cidr('10.0.0.0/24'), cidr('10.0.1.0/24')])).toBe(512);
  });

  it('leaves out the ranges given, such as the private ones the internet does not route', () => {
    expect(coveredAddresses([cidr('8.0.0.0/5')], PRIVATE_RANGES)).toBe(2 ** 27 - 2 ** 24);
    expect(coveredAddresses([cidr('192.168.0.0/16')], PRIVATE_RANGES)).toBe(0);
  });
});
