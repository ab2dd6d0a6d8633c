export * from './rocketchat.js';
