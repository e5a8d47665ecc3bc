// Primal network simplex for min-cost flow (the structure of LEMON's NetworkSimplex: a strongly
// feasible spanning tree kept as parent / thread / successor-count arrays, an artificial root with
// one big-M arc per node, block-search pivoting). Integer supplies and capacities give an integer
// optimal flow; integer costs keep every potential and reduced cost exact in doubles.
//
// The arc set may grow between solves (createNetworkSimplex().addArc, then solve() again): the tree,
// flows and potentials stay feasible, so solving resumes where it stopped. The engine uses this for
// pricing: it solves on a few promising arcs per node, then adds every arc whose reduced cost
// is negative and resumes, until none is; the result is optimal over all arcs.
//
// Problem: minimise Σ cost[a]·flow[a] subject to 0 ≤ flow[a] ≤ cap[a] and, for every node v,
// Σ flow out of v − Σ flow into v = supply[v]. Σ supply must be 0.

export interface FlowProblem {
  nodeCount: number;
  /** Per node; Σ = 0. Integers. */
  supply: ArrayLike<number>;
  arcCount: number;
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  /** Integers ≥ 0 (Infinity allowed). */
  cap: ArrayLike<number>;
  /** Integers. */
  cost: ArrayLike<number>;
}

export interface FlowSolution {
  /** Per arc of the problem. */
  flow: Float64Array;
  /** Node potentials: cost[a] + pi[source] − pi[target] ≥ 0 when flow[a] < cap[a], ≤ 0 when flow[a] > 0. */
  pi: Float64Array;
  totalCost: number;
  pivots: number;
}

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_UP = 1;
const DIR_DOWN = -1;

export interface NetworkSimplex {
  /** Adds an arc (at flow 0) and returns its index (0, 1, 2, … in the order added). |cost| ≤ maxAbsCost. */
  addArc(source: number, target: number, cap: number, cost: number): number;
  /** Pivots until no arc added so far has a negative reduced cost. */
  solve(): void;
  flow(arc: number): number;
  /** cost + potential(source) − potential(target) is the reduced cost of an arc. */
  potential(node: number): number;
  /** Σ cost · flow over the added arcs. */
  totalCost(): number;
  /** Throws when some supply cannot reach its demand over the arcs added so far. */
  assertFeasible(): void;
  readonly arcCount: number;
  readonly pivots: number;
}

/**
 * A min-cost flow instance whose arcs are added incrementally. `maxAbsCost` bounds |cost| of every
 * arc that will ever be added (it sets the big-M of the artificial arcs).
 */
export function createNetworkSimplex(nodeCount: number, supplyIn: ArrayLike<number>, maxAbsCost: number, arcHint = 16): NetworkSimplex {
  const n = nodeCount;
  const root = n;
  // Arc e < n is node e's artificial arc; added arc k is e = n + k.
  let capacity = n + Math.max(arcHint, 16);
  let source = new Int32Array(capacity);
  let target = new Int32Array(capacity);
  let cap = new Float64Array(capacity);
  let cost = new Float64Array(capacity);
  let flow = new Float64Array(capacity);
  let state = new Int8Array(capacity);
  let total = n;

  const supply = new Float64Array(n + 1);
  const pi = new Float64Array(n + 1);
  const parent = new Int32Array(n + 1);
  const pred = new Int32Array(n + 1);
  const thread = new Int32Array(n + 1);
  const revThread = new Int32Array(n + 1);
  const succNum = new Int32Array(n + 1);
  const lastSucc = new Int32Array(n + 1);
  const predDir = new Int8Array(n + 1);
  const dirtyRevs = new Int32Array(n + 1);

  let sum = 0;
  for (let v = 0; v < n; v++) {
    supply[v] = supplyIn[v]!;
    sum += supply[v]!;
  }
  if (sum !== 0) throw new Error('network simplex: supplies do not sum to 0');
  const artCost = (maxAbsCost + 1) * (n + 1);

  // Initial tree: every node hangs from the root by an artificial arc carrying its supply.
  parent[root] = -1;
  pred[root] = -1;
  thread[root] = 0;
  revThread[0] = root;
  succNum[root] = n + 1;
  lastSucc[root] = root - 1;
  supply[root] = 0;
  pi[root] = 0;
  for (let u = 0; u < n; u++) {
    const e = u;
    parent[u] = root;
    pred[u] = e;
    thread[u] = u + 1;
    revThread[u + 1] = u;
    succNum[u] = 1;
    lastSucc[u] = u;
    cap[e] = Infinity;
    state[e] = STATE_TREE;
    if (supply[u]! >= 0) {
      predDir[u] = DIR_UP;
      pi[u] = 0;
      source[e] = u;
      target[e] = root;
      flow[e] = supply[u]!;
      cost[e] = 0;
    } else {
      predDir[u] = DIR_DOWN;
      pi[u] = artCost;
      source[e] = root;
      target[e] = u;
      flow[e] = -supply[u]!;
      cost[e] = artCost;
    }
  }
  if (n === 0) thread[root] = root;

  const addArc = (s: number, t: number, c: number, k: number): number => {
    if (!(s >= 0 && s < n && t >= 0 && t < n)) throw new Error('network simplex: arc endpoint out of range');
    if (!(Math.abs(k) <= maxAbsCost)) throw new Error('network simplex: arc cost exceeds maxAbsCost');
    if (total === capacity) {
      capacity *= 2;
      const grow = <A extends Int32Array | Float64Array | Int8Array>(a: A): A => {
        const b = new (a.constructor as new (len: number) => A)(capacity);
        b.set(a);
        return b;
      };
      source = grow(source);
      target = grow(target);
      cap = grow(cap);
      cost = grow(cost);
      flow = grow(flow);
      state = grow(state);
    }
    source[total] = s;
    target[total] = t;
    cap[total] = c;
    cost[total] = k;
    flow[total] = 0;
    state[total] = STATE_LOWER;
    return total++ - n;
  };

  let blockSize = 10;
  let nextArc = n;
  let inArc = 0;
  let join = 0;
  let uIn = 0;
  let vIn = 0;
  let uOut = 0;
  let delta = 0;

  // Block search over the added arcs [n, total): the most negative reduced cost in a block of
  // about √(arcs) arcs, continuing where the previous search stopped.
  const findEnteringArc = (): boolean => {
    if (total === n) return false;
    let min = 0;
    let cnt = blockSize;
    let e: number;
    for (e = nextArc; e < total; e++) {
      const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
      if (c < min) {
        min = c;
        inArc = e;
      }
      if (--cnt === 0) {
        if (min < 0) {
          nextArc = e;
          return true;
        }
        cnt = blockSize;
      }
    }
    for (e = n; e < nextArc; e++) {
      const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
      if (c < min) {
        min = c;
        inArc = e;
      }
      if (--cnt === 0) {
        if (min < 0) {
          nextArc = e;
          return true;
        }
        cnt = blockSize;
      }
    }
    if (min >= 0) return false;
    nextArc = e;
    return true;
  };

  const findJoinNode = (): void => {
    let u = source[inArc]!;
    let v = target[inArc]!;
    while (u !== v) {
      if (succNum[u]! < succNum[v]!) u = parent[u]!;
      else v = parent[v]!;
    }
    join = u;
  };

  const findLeavingArc = (): boolean => {
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc]!;
      second = target[inArc]!;
    } else {
      first = target[inArc]!;
      second = source[inArc]!;
    }
    delta = cap[inArc]!;
    let result = 0;
    for (let u = first; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      const d = predDir[u] === DIR_DOWN ? cap[e]! - flow[e]! : flow[e]!;
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      const d = predDir[u] === DIR_UP ? cap[e]! - flow[e]! : flow[e]!;
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      uIn = first;
      vIn = second;
    } else {
      uIn = second;
      vIn = first;
    }
    return result !== 0;
  };

  const changeFlow = (change: boolean): void => {
    if (delta > 0) {
      const val = state[inArc]! * delta;
      flow[inArc] = flow[inArc]! + val;
      for (let u = source[inArc]!; u !== join; u = parent[u]!) {
        const e = pred[u]!;
        flow[e] = flow[e]! - predDir[u]! * val;
      }
      for (let u = target[inArc]!; u !== join; u = parent[u]!) {
        const e = pred[u]!;
        flow[e] = flow[e]! + predDir[u]! * val;
      }
    }
    if (change) {
      state[inArc] = STATE_TREE;
      const e = pred[uOut]!;
      state[e] = flow[e] === 0 ? STATE_LOWER : STATE_UPPER;
    } else {
      state[inArc] = -state[inArc]!;
    }
  };

  const updateTreeStructure = (): void => {
    const oldRevThread = revThread[uOut]!;
    const oldSuccNum = succNum[uOut]!;
    const oldLastSucc = lastSucc[uOut]!;
    const vOut = parent[uOut]!;

    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!;
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn]!;
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
      let stem = uIn;
      let parStem = vIn;
      let nextStem: number;
      let last = lastSucc[uIn]!;
      let before: number;
      let after = thread[last]!;
      thread[vIn] = uIn;
      let dirty = 0;
      dirtyRevs[dirty++] = vIn;
      while (stem !== uOut) {
        nextStem = parent[stem]!;
        thread[last] = nextStem;
        dirtyRevs[dirty++] = last;
        before = revThread[stem]!;
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!;
        after = thread[last]!;
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirty; i++) {
        const u = dirtyRevs[i]!;
        revThread[thread[u]!] = u;
      }
      let tmpSc = 0;
      const tmpLs = lastSucc[uOut]!;
      for (let u = uOut, q = parent[u]!; u !== uIn; u = q, q = parent[u]!) {
        pred[u] = pred[q]!;
        predDir[u] = -predDir[q]!;
        tmpSc += succNum[u]! - succNum[q]!;
        succNum[u] = tmpSc;
        lastSucc[q] = tmpLs;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut]!;
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u] = succNum[u]! + oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u] = succNum[u]! - oldSuccNum;
  };

  const updatePotential = (): void => {
    const sigma = pi[vIn]! - pi[uIn]! - predDir[uIn]! * cost[inArc]!;
    const end = thread[lastSucc[uIn]!]!;
    for (let u = uIn; u !== end; u = thread[u]!) pi[u] = pi[u]! + sigma;
  };

  let pivots = 0;
  const solve = (): void => {
    blockSize = Math.max(Math.ceil(Math.sqrt(total - n)), 10);
    if (nextArc >= total) nextArc = n;
    while (findEnteringArc()) {
      findJoinNode();
      const change = findLeavingArc();
      if (delta === Infinity) throw new Error('network simplex: unbounded');
      changeFlow(change);
      if (change) {
        updateTreeStructure();
        updatePotential();
      }
      pivots++;
    }
  };

  return {
    addArc,
    solve,
    flow: (arc) => flow[n + arc]!,
    potential: (node) => pi[node]!,
    totalCost: () => {
      let c = 0;
      for (let e = n; e < total; e++) c += flow[e]! * cost[e]!;
      return c;
    },
    assertFeasible: () => {
      for (let e = 0; e < n; e++) if (flow[e] !== 0) throw new Error('network simplex: infeasible (supply cannot reach demand)');
    },
    get arcCount() {
      return total - n;
    },
    get pivots() {
      return pivots;
    },
  };
}

/** Solves a whole problem at once. */
export function solveMinCostFlow(p: FlowProblem): FlowSolution {
  let maxAbsCost = 0;
  for (let a = 0; a < p.arcCount; a++) maxAbsCost = Math.max(maxAbsCost, Math.abs(p.cost[a]!));
  const ns = createNetworkSimplex(p.nodeCount, p.supply, maxAbsCost, p.arcCount);
  for (let a = 0; a < p.arcCount; a++) ns.addArc(p.source[a]!, p.target[a]!, p.cap[a]!, p.cost[a]!);
  ns.solve();
  ns.assertFeasible();
  const flow = new Float64Array(p.arcCount);
  for (let a = 0; a < p.arcCount; a++) flow[a] = ns.flow(a);
  const pi = new Float64Array(p.nodeCount);
  for (let v = 0; v < p.nodeCount; v++) pi[v] = ns.potential(v);
  return { flow, pi, totalCost: ns.totalCost(), pivots: ns.pivots };
}
