import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DnsLabel, StringEnum, allowed } from './schema-helpers.js';

/** Pod autoscalers a web tier can use: the built-in HPA, or a KEDA ScaledObject (which also takes Prometheus triggers). */
export const AUTOSCALERS = ['hpa', 'keda'] as const;
export type Autoscaler = (typeof AUTOSCALERS)[number];

/** Capabilities Pod Security "restricted" lets a container add; everything else is dropped. */
export const SAFE_ADDED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

/** Capabilities Pod Security "baseline" lets a container add (Pod Security Standards, baseline profile, "Capabilities"). */
export const BASELINE_CAPABILITIES: readonly string[] = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

/** `repo:tag` or `repo@sha256:...`, never untagged and never `latest`: a rollout must name what it runs. */
export const IMAGE_PATTERN = '^(?!.*:latest$)[a-z0-9]+([._/:-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$';

export const Image = Type.String({
  pattern: IMAGE_PATTERN,
  ...allowed('an image with an explicit tag or digest, such as registry/app:1.2.3 or registry/app@sha256:<64 hex digits>; never "latest" or untagged'),
});

export const ReplicaRange = Type.Object(
  {
    /** Replicas kept at all times; the PodDisruptionBudget is sized from it. */
    min: Type.Integer({ minimum: 1, maximum: 100 }),
    max: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false, ...allowed('{ min, max } with 1 <= min <= max <= 100') },
);

// Sane bounds: at most 256 cores and 4Ti, more than any node of the fleet's instance types offers.
const Cpu = Type.String({ pattern: '^([1-9][0-9]{0,5}m|([1-9][0-9]?|1[0-9]{2}|2[0-4][0-9]|25[0-6]|0)(\\.[0-9]+)?)$', ...allowed('a CPU quantity from 1m to 256 cores, such as 100m or 0.5') });
const Bytes = Type.String({ pattern: '^([1-9][0-9]{0,8}Ki|[1-9][0-9]{0,6}Mi|[1-9][0-9]{0,3}Gi|[1-4]Ti)$', ...allowed('a binary byte quantity up to 4Ti, such as 128Mi or 2Gi') });

const ResourceQuantities = Type.Object(
  { cpu: Type.Optional(Cpu), memory: Type.Optional(Bytes), ephemeralStorage: Type.Optional(Bytes) },
  { additionalProperties: false },
);

/** Overrides of the seed 002 defaults (requests 100m / 128Mi / 1Gi, limits 500m / 512Mi / 2Gi), field by field. */
export const ResourcesSchema = Type.Object(
  { requests: Type.Optional(ResourceQuantities), limits: Type.Optional(ResourceQuantities) },
  { additionalProperties: false },
);
export type ResourcesSpec = Static<typeof ResourcesSchema>;

/**
 * Overrides of the "restricted" security context. Every value is accepted by the schema so that a
 * weaker one can be reported with its reason; weaker values need `allowUnsafe` (see unsafeSecurityIssues).
 */
export const SecuritySchema = Type.Object(
  {
    /** @default 1000 */
    runAsUser: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    /** @default 1000 */
    runAsGroup: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    /** Group that owns mounted volumes. @default 1000 */
    fsGroup: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    /** @default true */
    runAsNonRoot: Type.Optional(Type.Boolean()),
    /** @default true */
    readOnlyRootFilesystem: Type.Optional(Type.Boolean()),
    /** @default false */
    allowPrivilegeEscalation: Type.Optional(Type.Boolean()),
    /** Added after dropping ALL. @default [] */
    addCapabilities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z_]+$', ...allowed('a capability name such as NET_BIND_SERVICE') }))),
    /** @default 'RuntimeDefault' */
    seccompProfile: Type.Optional(StringEnum(['RuntimeDefault', 'Unconfined'])),
  },
  { additionalProperties: false },
);
export type SecuritySpec = Static<typeof SecuritySchema>;

/** The explicit opt-in for a setting weaker than Pod Security "restricted": each weakening is named, with a reason. */
export const UnsafeOptInSchema = Type.Object(
  {
    reason: Type.String({ minLength: 10, ...allowed('why this workload cannot run restricted, in a sentence (at least 10 characters)') }),
    runAsRoot: Type.Optional(Type.Literal(true)),
    privilegeEscalation: Type.Optional(Type.Literal(true)),
    writableRootFilesystem: Type.Optional(Type.Literal(true)),
    /** Capabilities other than NET_BIND_SERVICE that may be added. */
    capabilities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z_]+$' }), { minItems: 1 })),
    unconfinedSeccomp: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type UnsafeOptIn = Static<typeof UnsafeOptInSchema>;

/** What every workload of an app may override: its image, size and security context. */
export const workloadFields = {
  resources: Type.Optional(ResourcesSchema),
  security: Type.Optional(SecuritySchema),
  allowUnsafe: Type.Optional(UnsafeOptInSchema),
};

/** A web tier built from in-house code: the image is the team's own, so it is always given. */
export const WebTierSchema = Type.Object(
  {
    image: Image,
    /** @default { min: 2, max: 5 } for TByte (seed 002) */
    replicas: Type.Optional(ReplicaRange),
    ...workloadFields,
  },
  { additionalProperties: false },
);
export type WebTierSpec = Static<typeof WebTierSchema>;

/** A third-party web tier or database: the image has a pinned default that may be replaced. */
export const PackagedWorkload = <P extends Record<string, TSchema>>(extra: P, description?: string) =>
  Type.Object({ image: Type.Optional(Image), ...workloadFields, ...extra }, { additionalProperties: false, ...(description === undefined ? {} : { description }) });

export const StorageSize = Type.String({ pattern: '^[1-9][0-9]{0,3}Gi$', ...allowed('a volume size from 1Gi to 9999Gi, such as 10Gi') });
export const StorageClassName = Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', ...allowed('a StorageClass name such as gp3 or standard') });

export const databaseFields = {
  /** @default '10Gi' */
  storage: Type.Optional(StorageSize),
  /** @default the cluster's default StorageClass */
  storageClass: Type.Optional(StorageClassName),
};

export const Hostname = Type.String({
  pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  ...allowed('a DNS host name such as chat.example.com'),
});


/** Namespace an app runs in: its `namespace`, or else its name. */
export function appNamespace(app: { readonly name: string; readonly namespace?: string | undefined }): string {
  return app.namespace ?? app.name;
}

/** One setting weaker than Pod Security "restricted" that is not opted into. */
export interface UnsafeSetting {
  /** The pod security rule it breaks (see POD_SECURITY_RULES). */
  readonly rule: string;
  /** Path below the workload, e.g. `security/runAsUser`. */
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
}

/**
 * Settings of `security` that weaken "restricted" without the matching `allowUnsafe` opt-in.
 * The spec rules report every weakening (the opt-in is a waiver of them, see unsafeOptInWaivers);
 * the constructs, used directly, throw for those not opted into.
 */
export function unsafeSecurityIssues(security: SecuritySpec = {}, optIn?: UnsafeOptIn): UnsafeSetting[] {
  const issues: UnsafeSetting[] = [];
  const need = (rule: string, field: string, value: unknown, safe: string, flag: string): void => {
    issues.push({ rule, field: `security/${field}`, value, allowed: `${safe}, or allowUnsafe: { reason, ${flag} }` });
  };
  if (security.runAsUser === 0 && !optIn?.runAsRoot) need('pod-run-as-root', 'runAsUser', 0, 'a non-zero user id', 'runAsRoot: true');
  if (security.runAsGroup === 0 && !optIn?.runAsRoot) need('pod-run-as-root', 'runAsGroup', 0, 'a non-zero group id', 'runAsRoot: true');
  if (security.runAsNonRoot === false && !optIn?.runAsRoot) need('pod-run-as-root', 'runAsNonRoot', false, 'true', 'runAsRoot: true');
  if (security.allowPrivilegeEscalation === true && !optIn?.privilegeEscalation) {
    need('pod-privilege-escalation', 'allowPrivilegeEscalation', true, 'false', 'privilegeEscalation: true');
  }
  if (security.readOnlyRootFilesystem === false && !optIn?.writableRootFilesystem) {
    need('pod-writable-root-fs', 'readOnlyRootFilesystem', false, 'true (mount an emptyDir where the app writes)', 'writableRootFilesystem: true');
  }
  if (security.seccompProfile === 'Unconfined' && !optIn?.unconfinedSeccomp) {
    need('pod-seccomp', 'seccompProfile', 'Unconfined', '"RuntimeDefault"', 'unconfinedSeccomp: true');
  }
  (security.addCapabilities ?? []).forEach((capability, i) => {
    if (!SAFE_ADDED_CAPABILITIES.includes(capability) && !optIn?.capabilities?.includes(capability)) {
      issues.push({
        rule: 'pod-capabilities',
        field: `security/addCapabilities/${i}`,
        value: capability,
        allowed: `${SAFE_ADDED_CAPABILITIES.join(', ')}, or allowUnsafe: { reason, capabilities: ["${capability}"] }`,
      });
    }
  });
  return issues;
}


/** The rules an `allowUnsafe` opt-in waives, flag by flag; `capabilities` waives pod-capabilities for the capabilities listed only. */
export function optInRules(optIn: UnsafeOptIn): { readonly rule: string; readonly values?: readonly string[] }[] {
  return [
    ...(optIn.runAsRoot ? [{ rule: 'pod-run-as-root' }] : []),
    ...(optIn.privilegeEscalation ? [{ rule: 'pod-privilege-escalation' }] : []),
    ...(optIn.writableRootFilesystem ? [{ rule: 'pod-writable-root-fs' }] : []),
    ...(optIn.unconfinedSeccomp ? [{ rule: 'pod-seccomp' }] : []),
    ...(optIn.capabilities ? [{ rule: 'pod-capabilities', values: optIn.capabilities }] : []),
  ];
}

/**
 * The Pod Security level the namespace of these workloads can enforce, given their opt-ins: an
 * opted-in weakening must also pass admission, or the pod would be refused at sync. Restricted
 * without any (a writable root filesystem is no Pod Security control); baseline for root and
 * privilege escalation and the capabilities baseline allows; privileged, with the reasons, for
 * an unconfined seccomp profile or any other capability.
 */
export function podSecurityFor(optIns: readonly (UnsafeOptIn | undefined)[]): { readonly podSecurity: 'restricted' | 'baseline' | 'privileged'; readonly privilegedReason?: string } {
  const given = optIns.filter((o): o is UnsafeOptIn => o !== undefined);
  const privileged = given.filter((o) => o.unconfinedSeccomp || (o.capabilities ?? []).some((c) => !BASELINE_CAPABILITIES.includes(c)));
  if (privileged.length > 0) return { podSecurity: 'privileged', privilegedReason: privileged.map((o) => o.reason).join('; ') };
  if (given.some((o) => o.runAsRoot || o.privilegeEscalation || (o.capabilities ?? []).length > 0)) return { podSecurity: 'baseline' };
  return { podSecurity: 'restricted' };
}
