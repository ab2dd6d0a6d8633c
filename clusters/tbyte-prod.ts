import { composeCluster } from '@wavesmith/model';
import { tbyte } from './profiles/tbyte.js';

export default composeCluster(tbyte, {
  name: 'tbyte-prod',
  environment: 'prod',
  network: { natGateways: 'one-per-az' },
  nodePools: [{ name: 'system', instanceTypes: ['m6i.large'], minSize: 3, maxSize: 6, desiredSize: 3 }],
  gitops: { targetRevision: 'release' },
  platform: [{ name: 'vault', ha: true }],
  // Production's backend talks to the Multi-AZ RDS of seed 002.
  cloud: { databases: [{ name: 'tbyte', instance: 'rds' }] },
});
