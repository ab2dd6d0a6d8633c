export * from './vet-app.js';
