// The network simplex against an independent successive-shortest-path solver on random min-cost
// flow problems (feasible by construction: every supply node has an arc to every demand node).
import fc from 'fast-check';
import { createNetworkSimplex, solveMinCostFlow } from '../../../../core/charity/matching/network-simplex';
import { sspMinCostFlow } from './oracles';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const problem = fc
  .record({
    nodes: fc.integer({ min: 2, max: 12 }),
    seedArcs: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), cap: fc.integer({ min: 0, max: 9 }), cost: fc.integer({ min: -20, max: 20 }) }), { maxLength: 40 }),
    supplies: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ nodes, seedArcs, supplies }) => {
    // A DAG (arcs go from a lower to a higher index) so negative costs never make a negative cycle.
    const arcs = seedArcs
      .map(({ a, b, cap, cost }) => {
        const from = a % nodes;
        const to = b % nodes;
        return from < to ? { from, to, cap, cost } : to < from ? { from: to, to: from, cap, cost } : null;
      })
      .filter((x): x is { from: number; to: number; cap: number; cost: number } => x !== null);
    const supply = supplies.slice(0, nodes);
    supply[nodes - 1] = 0;
    const total = supply.reduce((s, x) => s + x, 0);
    // Balance: the last node absorbs a surplus; node 0 (which reaches every node) covers a deficit.
    if (total >= 0) supply[nodes - 1] = -total;
    else supply[0] = supply[0]! - total;
    // Feasibility where possible: a costly lane from every node to every later node.
    for (let i = 0; i < nodes; i++) for (let j = i + 1; j < nodes; j++) arcs.push({ from: i, to: j, cap: 100, cost: 50 });
    return { nodes, arcs, supply };
  });

test('network simplex finds the same minimum cost as successive shortest paths', () => {
  fc.assert(
    fc.property(problem, ({ nodes, arcs, supply }) => {
      const oracle = sspMinCostFlow({ nodeCount: nodes, supply, arcs });
      // A node that nothing earlier can supply makes the problem infeasible: both must say so.
      let res: ReturnType<typeof solveMinCostFlow> | null = null;
      try {
        res = solveMinCostFlow({
          nodeCount: nodes,
          supply,
          arcCount: arcs.length,
          source: arcs.map((a) => a.from),
          target: arcs.map((a) => a.to),
          cap: arcs.map((a) => a.cap),
          cost: arcs.map((a) => a.cost),
        });
      } catch (e) {
        expect(String(e)).toMatch(/infeasible/);
      }
      if (oracle === null) {
        expect(res).toBeNull();
        return;
      }
      expect(res).not.toBeNull();
      expect(res!.totalCost).toBe(oracle.cost);
      // The flow is feasible: capacities and conservation.
      const net = new Array<number>(nodes).fill(0);
      arcs.forEach((a, i) => {
        const f = res!.flow[i]!;
        expect(Number.isInteger(f)).toBe(true);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(a.cap);
        net[a.from]! += f;
        net[a.to]! -= f;
      });
      expect(net).toEqual(supply.map((s) => s + 0));
      // Optimality certificate: reduced costs agree with the flow.
      arcs.forEach((a, i) => {
        const rc = a.cost + res!.pi[a.from]! - res!.pi[a.to]!;
        const f = res!.flow[i]!;
        if (f < a.cap) expect(rc).toBeGreaterThanOrEqual(0);
        if (f > 0) expect(rc).toBeLessThanOrEqual(0);
      });
    }),
    { numRuns: RUNS },
  );
});

test('arcs added between solves: resuming from the current tree reaches the same optimum', () => {
  fc.assert(
    fc.property(problem, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), ({ nodes, arcs, supply }, cuts) => {
      const oracle = sspMinCostFlow({ nodeCount: nodes, supply, arcs });
      if (oracle === null) return;
      const ns = createNetworkSimplex(nodes, supply, Math.max(0, ...arcs.map((a) => Math.abs(a.cost))));
      // Add the arcs in a few batches, solving after each; the feasible lanes come last.
      const bounds = [...new Set(cuts.map((c) => c % (arcs.length + 1)))].sort((x, y) => x - y);
      let from = 0;
      for (const to of [...bounds, arcs.length]) {
        for (let a = from; a < to; a++) ns.addArc(arcs[a]!.from, arcs[a]!.to, arcs[a]!.cap, arcs[a]!.cost);
        from = Math.max(from, to);
        ns.solve();
      }
      ns.assertFeasible();
      expect(ns.totalCost()).toBe(oracle.cost);
    }),
    { numRuns: RUNS },
  );
});
