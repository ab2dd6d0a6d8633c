import { composeCluster } from '@wavesmith/model';
import { vet } from './profiles/vet.js';

export default composeCluster(vet, {
  name: 'vet-rke2-prod',
  environment: 'prod',
  network: { natGateways: 'one-per-az' },
  platform: [{ name: 'rancher', hostname: 'rancher.vet-app.example.com' }],
  // The app's host is one of the DNS records below (checked by the model).
  apps: [{ name: 'vet-app', chart: 'vet-app', host: 'vet-app.example.com' }],
  cloud: { dns: { zone: 'example.com', records: ['vet-app', 'rancher.vet-app'] } },
  nodePools: [
    { name: 'server', role: 'control-plane', instanceTypes: ['t3.large'], image: 'ubuntu-22.04', minSize: 3, maxSize: 3, diskGiB: 50 },
    { name: 'agent', instanceTypes: ['t3.large'], image: 'ubuntu-22.04', minSize: 3, maxSize: 3, diskGiB: 50 },
  ],
});
