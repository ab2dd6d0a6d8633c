import type { KubeObject } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { checkIngressClasses as found } from '../src/ingress-classes.js';

/** Each problem as `rule: file: message`. */
const checkIngressClasses = (...args: Parameters<typeof found>) => found(...args).map((p) => `${p.rule}: ${p.file ? `${p.file}: ` : ''}${p.message}`);

const ingress = (name: string, ingressClassName?: string): { file: string; object: KubeObject } => ({
  file: `apps/web/ingress-${name}.yaml`,
  object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'web' }, spec: { ...(ingressClassName ? { ingressClassName } : {}), rules: [] } },
});
const NGINX = [{ name: 'nginx', providedBy: 'ingress-nginx' }];

describe('checkIngressClasses', () => {
  it('passes an Ingress of a class a controller on the cluster serves', () => {
    expect(checkIngressClasses([ingress('web', 'nginx')], NGINX)).toEqual([]);
  });

  it('fails an Ingress of a class no controller serves, and one that names no class, listing the classes served', () => {
    expect(checkIngressClasses([ingress('web', 'alb'), ingress('other')], NGINX)).toEqual([
      'ingress-class-unserved: apps/web/ingress-web.yaml: Ingress web uses IngressClass "alb", which no controller on the cluster serves; allowed: nginx (ingress-nginx)',
      'ingress-class-unserved: apps/web/ingress-other.yaml: Ingress other names no ingressClassName; allowed: one of the classes the cluster serves: nginx (ingress-nginx)',
    ]);
  });
});
