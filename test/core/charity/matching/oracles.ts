// Independent solvers used as oracles by the matching tests. None of them shares code with the
// engine's optimiser (core/charity/matching/network-simplex.ts).

/**
 * Min-cost flow by successive shortest paths with Bellman–Ford (no potentials, no tree): slow,
 * obviously correct. Minimises Σ cost·flow with 0 ≤ flow ≤ cap and net outflow = supply; Σ supply = 0.
 * Returns null when the supplies cannot be routed. Costs may be negative as long as the network has
 * no negative cycle (ours are DAGs).
 */
export function sspMinCostFlow(p: {
  nodeCount: number;
  supply: number[];
  arcs: { from: number; to: number; cap: number; cost: number }[];
}): { cost: number; flow: number[] } | null {
  const n = p.nodeCount + 2;
  const S = p.nodeCount;
  const T = p.nodeCount + 1;
  type E = { to: number; cap: number; cost: number; rev: number; orig: number };
  const g: E[][] = Array.from({ length: n }, () => []);
  const add = (from: number, to: number, cap: number, cost: number, orig: number) => {
    g[from]!.push({ to, cap, cost, rev: g[to]!.length, orig });
    g[to]!.push({ to: from, cap: 0, cost: -cost, rev: g[from]!.length - 1, orig: -1 });
  };
  p.arcs.forEach((a, i) => add(a.from, a.to, a.cap, a.cost, i));
  let need = 0;
  p.supply.forEach((s, v) => {
    if (s > 0) {
      add(S, v, s, 0, -1);
      need += s;
    } else if (s < 0) add(v, T, -s, 0, -1);
  });
  let cost = 0;
  while (need > 0) {
    const dist = new Array<number>(n).fill(Infinity);
    const prevNode = new Array<number>(n).fill(-1);
    const prevEdge = new Array<number>(n).fill(-1);
    dist[S] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist[u] === Infinity) continue;
        g[u]!.forEach((e, i) => {
          if (e.cap > 0 && dist[u]! + e.cost < dist[e.to]!) {
            dist[e.to] = dist[u]! + e.cost;
            prevNode[e.to] = u;
            prevEdge[e.to] = i;
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity) return null;
    let push = need;
    for (let v = T; v !== S; v = prevNode[v]!) push = Math.min(push, g[prevNode[v]!]![prevEdge[v]!]!.cap);
    for (let v = T; v !== S; v = prevNode[v]!) {
      const e = g[prevNode[v]!]![prevEdge[v]!]!;
      e.cap -= push;
      g[v]![e.rev]!.cap += push;
    }
    need -= push;
    cost += push * dist[T]!;
  }
  const flow = new Array<number>(p.arcs.length).fill(0);
  for (let u = 0; u < n; u++) for (const e of g[u]!) if (e.orig >= 0) flow[e.orig] = p.arcs[e.orig]!.cap - e.cap;
  return { cost, flow };
}
