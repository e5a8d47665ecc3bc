// One mingo operator context for the whole emulator (query, pipeline, expression… plus our geo
// operators). mingo copies a plain-options context on every Query/Aggregator (~20–190 µs);
// handing it an already-computed options object skips that copy. The computed object is
// captured once from inside a throwaway query operator, the only place mingo exposes it.
import { Context } from 'mingo';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import { Aggregator } from 'mingo/aggregator';
import type { CollectionResolver, Options } from 'mingo/types/types';
import { $geoNear, geoQueryOperators } from './geo';
import { fixedQueryOperators } from './query-ops';
import { $sample } from './pipeline-ops';
import { $sort } from './sort';

let captured: Options | null = null;
const capture = (_selector: string, _value: unknown, options: Options) => {
  captured = options;
  return () => true;
};

export const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: { ...pipelineOperators, $sample, $sort, $geoNear } as never,
  projection: projectionOperators,
  query: { ...queryOperators, ...fixedQueryOperators, ...geoQueryOperators, $__captureOptions: capture } as never,
  window: windowOperators,
});

const plain: Partial<Options> = { context: CONTEXT, idKey: '_id' };
new Query({ x: { $__captureOptions: 1 } }, plain);
/** Options to pass to Query: precomputed when the capture worked, plain otherwise. */
export const QUERY_OPTIONS: Options = (captured ?? plain) as Options;

export function compileQuery(query: Record<string, unknown>): Query {
  return new Query(query, QUERY_OPTIONS);
}

export function aggregator(pipeline: Array<Record<string, unknown>>, collectionResolver: CollectionResolver): Aggregator {
  return new Aggregator(pipeline, { context: CONTEXT, idKey: '_id', collectionResolver });
}
