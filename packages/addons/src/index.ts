export * from './charts.js';
export * from './plan.js';
export * from './platform-components.js';
