import { checkSchemas, restrictedProblems } from '@wavesmith/checks';
import { describe, expect, it } from 'vitest';
import { StatefulDatabase, type StatefulDatabaseProps } from '../src/stateful-database.js';
import { asFiles, find, render } from './render.js';

const postgres: StatefulDatabaseProps = { name: 'postgres', namespace: 'shop', engine: 'postgres', image: 'postgres:16.4', clients: [{ podLabels: { app: 'api' } }] };
const mongodb: StatefulDatabaseProps = { name: 'mongodb', namespace: 'chat', engine: 'mongodb', image: 'mongo:7.0.14', clients: [{ podLabels: { app: 'chat' } }] };
const renderDb = (props: StatefulDatabaseProps) => render((chart) => new StatefulDatabase(chart, 'db', props));

describe('StatefulDatabase', () => {
  it('renders PostgreSQL as a single-member StatefulSet with a volume claim template and a headless Service', () => {
    const objects = renderDb({ ...postgres, storage: '20Gi', storageClass: 'gp3' });
    expect(objects).toMatchSnapshot();
    const sts = find(objects, 'StatefulSet');
    expect([sts.spec.replicas, sts.spec.serviceName]).toEqual([1, 'postgres']);
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '20Gi' } } });
    expect(find(objects, 'Service').spec.clusterIP).toBe('None');
    expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  it('probes PostgreSQL with pg_isready and keeps its runtime directories writable', () => {
    const pod = find(renderDb(postgres), 'StatefulSet').spec.template.spec;
    expect(pod.containers[0].livenessProbe.exec.command).toEqual(['pg_isready', '--host=127.0.0.1', '--port=5432']);
    expect(pod.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/var/run/postgresql', '/var/lib/postgresql/data']);
  });

  it('admits only its clients on the database port', () => {
    const policy = find(renderDb(postgres), 'NetworkPolicy');
    expect(policy.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
    expect(policy.spec.egress.map((r: any) => r.ports[0].port)).toEqual([53]);
  });

  it('renders MongoDB as a 3-member replica set initiated by a PostSync Job', () => {
    const objects = renderDb(mongodb);
    const sts = find(objects, 'StatefulSet');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.template.spec.containers[0].args).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
    const job = find(objects, 'Job');
    expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PostSync');
    expect(job.spec.template.spec.containers[0].command.at(-1)).toContain(
      '{ _id: 2, host: "mongodb-2.mongodb.chat.svc.cluster.local:27017" }',
    );
  });

  it('lets replica set members and the init Job reach each other', () => {
    const objects = renderDb(mongodb);
    const policy = find(objects, 'NetworkPolicy', 'mongodb');
    expect(policy.spec.ingress.map((r: any) => r.from[0].podSelector.matchLabels.app)).toEqual(['chat', 'mongodb', 'mongodb-init']);
    expect(find(objects, 'NetworkPolicy', 'mongodb-init').spec.egress[1].to).toEqual([{ podSelector: { matchLabels: { app: 'mongodb' } } }]);
  });

  it('renders objects that match their schemas and pass Pod Security restricted', async () => {
    for (const objects of [renderDb(postgres), renderDb(mongodb)]) {
      expect(await checkSchemas(asFiles(objects))).toEqual([]);
      expect(restrictedProblems(objects)).toEqual([]);
    }
  });

  it.each([
    [{ ...postgres, replicas: 2 }, 'workload "postgres": replicas = 2 is not allowed; allowed: 1 (a single PostgreSQL primary; replicas need an operator) for postgres'],
    [{ ...mongodb, replicas: 4 }, 'workload "mongodb": replicas = 4 is not allowed; allowed: an odd number from 3 to 7 (a replica set needs a majority) for mongodb'],
  ])('rejects a replica count the engine cannot run (%#)', (props, message) => {
    expect(() => renderDb(props)).toThrow(message);
  });

  it('rejects an unpinned database image', () => {
    expect(() => renderDb({ ...postgres, image: 'postgres' })).toThrow('workload "postgres": image = "postgres" is not allowed');
  });
});
