export const DIMENSIONS = {}; export function generate(seed) { return { spec: { seed } }; }
