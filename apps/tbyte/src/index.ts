export * from './tbyte.js';
