import { composeCluster } from '@wavesmith/model';
import { tbyte } from './profiles/tbyte.js';

export default composeCluster(tbyte, {
  name: 'tbyte-dev',
  environment: 'dev',
  network: { natGateways: 'single' },
  // Development runs PostgreSQL in the cluster (the StatefulSet of seed 002), not a Multi-AZ RDS.
  apps: [{ name: 'tbyte', postgres: { storage: '20Gi' } }],
  cloud: { databases: [{ name: 'tbyte', instance: 'in-cluster' }] },
});
