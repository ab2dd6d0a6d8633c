export * from './app.js';
export * from './vet-app.js';
