export * from './catalogue.js';
export * from './component.js';
export * from './custom-component.js';
export * from './monitoring.js';
export * from './options.js';
export * from './platform-components.js';
export { letsEncryptIssuerName } from './components/cert-manager.js';
