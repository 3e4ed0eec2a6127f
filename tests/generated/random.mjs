// A small seeded generator (mulberry32): the same seed gives the same page everywhere, in Node and
// in the browser. Each dimension is drawn from its own stream (seed mixed with the dimension's
// name), so adding a dimension does not change the values the others draw for old seeds.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619);
  return h >>> 0;
}

/** A random source for `seed`, one stream per name: rng('shell').pick([...]). */
export function seeded(seed) {
  const streams = new Map();
  const stream = (name) => {
    if (!streams.has(name)) streams.set(name, mulberry32(hash(name) ^ Math.imul(seed >>> 0, 2654435761)));
    return streams.get(name);
  };
  return (name) => {
    const next = stream(name);
    return {
      next,
      pick: (list) => list[Math.floor(next() * list.length)],
      int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
      chance: (p) => next() < p,
    };
  };
}

/** Draw one value per dimension ({name: [values]}), each from its own stream. */
export function drawDimensions(seed, dimensions) {
  const rng = seeded(seed);
  return Object.fromEntries(Object.entries(dimensions).map(([name, values]) => [name, rng(name).pick(values)]));
}
