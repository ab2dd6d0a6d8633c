import { composeCluster } from '@wavesmith/model';
import { tbyte } from './profiles/tbyte.js';

export default composeCluster(tbyte, {
  name: 'tbyte-dev',
  environment: 'dev',
  network: { natGateways: 'single' },
});
