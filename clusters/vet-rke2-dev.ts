import { composeCluster } from '@wavesmith/model';
import { vet } from './profiles/vet.js';

export default composeCluster(vet, {
  name: 'vet-rke2-dev',
  environment: 'dev',
  network: { natGateways: 'single' },
  platform: [{ name: 'rancher', hostname: 'rancher.dev.vet-app.example.com' }],
  // The app's host is one of the DNS records below (checked by the model).
  apps: [{ name: 'vet-app', chart: 'vet-app', host: 'dev.vet-app.example.com' }],
  cloud: { dns: { zone: 'example.com', records: ['dev.vet-app', 'rancher.dev.vet-app'] } },
  nodePools: [
    { name: 'server', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 50 },
    { name: 'agent', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 2, maxSize: 2, diskGiB: 50 },
  ],
});
