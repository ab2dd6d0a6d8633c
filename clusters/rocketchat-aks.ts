import { composeCluster } from '@wavesmith/model';
import { rocketchatOnAzure } from './profiles/rocketchat.js';

export default composeCluster(rocketchatOnAzure, { name: 'rocketchat-aks' });
