import type { ResourcesSpec } from '@wavesmith/model';
import { k8s } from 'cdk8s-plus-28';

/** Seed 002's requests and limits for every container that does not say otherwise. */
export const DEFAULT_RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi', ephemeralStorage: '1Gi' },
  limits: { cpu: '500m', memory: '512Mi', ephemeralStorage: '2Gi' },
} as const;

type Quantities = { readonly cpu: string; readonly memory: string; readonly ephemeralStorage: string };

/** The defaults with `overrides` applied field by field. */
export function resolveResources(overrides: ResourcesSpec = {}): { readonly requests: Quantities; readonly limits: Quantities } {
  return {
    requests: { ...DEFAULT_RESOURCES.requests, ...overrides.requests },
    limits: { ...DEFAULT_RESOURCES.limits, ...overrides.limits },
  };
}

function quantities(q: Quantities): Record<string, k8s.Quantity> {
  return {
    cpu: k8s.Quantity.fromString(q.cpu),
    memory: k8s.Quantity.fromString(q.memory),
    'ephemeral-storage': k8s.Quantity.fromString(q.ephemeralStorage),
  };
}

export function resourceRequirements(overrides?: ResourcesSpec): k8s.ResourceRequirements {
  const resolved = resolveResources(overrides);
  return { requests: quantities(resolved.requests), limits: quantities(resolved.limits) };
}
