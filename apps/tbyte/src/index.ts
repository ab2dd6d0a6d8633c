export * from './app.js';
export * from './tbyte.js';
