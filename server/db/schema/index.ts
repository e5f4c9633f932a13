export * from './partners.js';
export * from './accounts.js';
export * from './surveys.js';
export * from './lists.js';
export * from './responses.js';
export * from './campaigns.js';
