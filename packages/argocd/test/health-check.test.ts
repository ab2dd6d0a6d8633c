import { describe, expect, it } from 'vitest';
import { APPLICATION_HEALTH_KEY, APPLICATION_HEALTH_LUA } from '../src/index.js';

describe('APPLICATION_HEALTH_LUA', () => {
  it('is registered for argoproj.io/Application under the key argocd-cm reads', () => {
    expect(APPLICATION_HEALTH_KEY).toBe('resource.customizations.health.argoproj.io_Application');
  });

  it('passes the child health up, as the check in the Argo CD docs does', () => {
    expect(APPLICATION_HEALTH_LUA).toContain('hs.status = obj.status.health.status');
    expect(APPLICATION_HEALTH_LUA.trim().endsWith('return hs')).toBe(true);
  });

  it('keeps a Healthy child Progressing while it is out of sync, mid-operation or missing resources', () => {
    expect(APPLICATION_HEALTH_LUA).toContain('obj.status.sync.status ~= "Synced"');
    expect(APPLICATION_HEALTH_LUA).toContain('op.phase == "Running"');
    expect(APPLICATION_HEALTH_LUA).toContain('r.health.status == "Missing"');
    expect(APPLICATION_HEALTH_LUA).toContain('r.status == "OutOfSync"');
  });

  it('reports a failed sync as Degraded', () => {
    expect(APPLICATION_HEALTH_LUA).toMatch(/op\.phase == "Failed" or op\.phase == "Error"\) then\n\s+hs\.status = "Degraded"/);
  });
});
