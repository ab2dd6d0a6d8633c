import { k8s } from 'cdk8s-plus-28';

/** Who traffic may come from or go to. An empty peer list would mean "everyone", so rules always name peers. */
export type NetworkPeer =
  /** Pods of another namespace (all of them, or those with these labels). */
  | { readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>> }
  /** Pods of the policy's own namespace with these labels. */
  | { readonly podLabels: Readonly<Record<string, string>> }
  /** Addresses outside the pod network, such as a load balancer's subnets. */
  | { readonly cidr: string; readonly except?: readonly string[] };

export interface NetworkPort {
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** One allow rule of a NetworkPolicy: these peers, on these ports. */
export interface NetworkRule {
  readonly peers: readonly NetworkPeer[];
  readonly ports: readonly NetworkPort[];
}

/** Namespace of kube-prometheus-stack, whose Prometheus scrapes the apps. */
export const MONITORING_NAMESPACE = 'monitoring';

/** Cluster DNS on 53 (UDP and TCP) to CoreDNS, which every distribution labels `k8s-app: kube-dns`. */
export const ALLOW_DNS: NetworkRule = {
  peers: [{ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }],
  ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
};

/** HTTPS to anywhere: cloud APIs (S3, Secrets Manager, STS) and third-party services. */
export const ALLOW_HTTPS: NetworkRule = { peers: [{ cidr: '0.0.0.0/0' }], ports: [{ port: 443 }] };

/** Pods labelled as databases of the same namespace, on the database port (5432, PostgreSQL). */
export function allowDatabase(port = 5432, peers: readonly NetworkPeer[] = [{ podLabels: { 'app.kubernetes.io/component': 'database' } }]): NetworkRule {
  return { peers, ports: [{ port }] };
}

/** TCP on these ports from these peers (ports deduplicated, in order). */
export function allowTcp(peers: readonly NetworkPeer[], ports: readonly number[]): NetworkRule {
  return { peers, ports: [...new Set(ports)].map((port) => ({ port })) };
}

function renderPeer(peer: NetworkPeer): k8s.NetworkPolicyPeer {
  if ('cidr' in peer) return { ipBlock: { cidr: peer.cidr, ...(peer.except ? { except: [...peer.except] } : {}) } };
  const podSelector = peer.podLabels ? { podSelector: { matchLabels: { ...peer.podLabels } } } : {};
  if ('namespace' in peer) {
    return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } }, ...podSelector };
  }
  return podSelector;
}

export function renderRule(rule: NetworkRule, where: string): { peers: k8s.NetworkPolicyPeer[]; ports: k8s.NetworkPolicyPort[] } {
  if (rule.peers.length === 0) throw new Error(`${where}: a network rule needs at least one peer; an empty list would allow everyone`);
  return {
    peers: rule.peers.map(renderPeer),
    ports: rule.ports.map((p) => ({ port: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol ?? 'TCP' })),
  };
}
