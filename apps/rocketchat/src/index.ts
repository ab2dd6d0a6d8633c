export * from './app.js';
export * from './rocketchat.js';
