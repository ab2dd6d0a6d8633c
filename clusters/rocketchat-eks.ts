import { composeCluster } from '@wavesmith/model';
import { rocketchatOnAws } from './profiles/rocketchat.js';

export default composeCluster(rocketchatOnAws, { name: 'rocketchat-eks' });
