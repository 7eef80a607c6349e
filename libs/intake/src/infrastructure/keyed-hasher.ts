// Moved to platform (privacy), beside the blind index that builds on it.
export { KeyedHasher } from '@intake/platform';
