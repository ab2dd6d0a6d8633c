export * from './applications.js';
export * from './dependencies.js';
export * from './health-check.js';
export * from './mermaid.js';
export * from './sync-order.js';
export * from './waves.js';
