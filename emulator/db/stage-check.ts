// Shape checks of aggregation stages before mingo runs them. mingo trusts its input: a `$lookup:
// null` or `$limit: "x"` crashed inside it with a TypeError that reached the caller as the message.
// The database answers such a pipeline with a clear error naming the stage, as MongoDB does.
import { WireError } from '../wire';
import { isPlainObject } from './ejson';

type Check = (value: unknown) => string | null;

const object: Check = (v) => (isPlainObject(v) ? null : 'must be an object');
const nonEmptyObject: Check = (v) => (isPlainObject(v) && Object.keys(v).length > 0 ? null : 'must be a non-empty object');
const fieldName = (v: unknown) => typeof v === 'string' && v.length > 0 && !v.startsWith('$');
const fieldPath = (v: unknown) => typeof v === 'string' && v.length > 1 && v.startsWith('$');
const count = (min: number): Check => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? null : `must be an integer ≥ ${min}`);

const STAGES: Record<string, Check> = {
  $match: object,
  $project: nonEmptyObject,
  $addFields: object,
  $set: object,
  $sort: (v) => (isPlainObject(v) && Object.keys(v).length > 0 && Object.values(v).every((o) => o === 1 || o === -1 || isPlainObject(o)) ? null : 'must map fields to 1 or -1'),
  $skip: count(0),
  $limit: count(1),
  $count: (v) => (fieldName(v) && !(v as string).includes('.') ? null : 'must be a field name (not empty, no $ or .)'),
  $group: (v) => (isPlainObject(v) && '_id' in v && Object.entries(v).every(([k, a]) => k === '_id' || isAccumulator(a)) ? null : 'must be {_id, <field>: {<$accumulator>: <expression>}}'),
  $unwind: (v) => (fieldPath(v) || (isPlainObject(v) && fieldPath(v.path)) ? null : "must be '$<field>' or {path: '$<field>', …}"),
  $lookup: (v) => {
    if (!isPlainObject(v) || !fieldName(v.from) || !fieldName(v.as)) return 'must have string "from" and "as"';
    const byField = fieldName(v.localField) && fieldName(v.foreignField);
    const byPipeline = Array.isArray(v.pipeline) && v.pipeline.every((s) => isPlainObject(s) && Object.keys(s).length === 1) && (v.let === undefined || isPlainObject(v.let));
    return byField || byPipeline ? null : 'needs "localField" and "foreignField", or a "pipeline" of stages';
  },
  $replaceRoot: (v) => (isPlainObject(v) && 'newRoot' in v && (isPlainObject(v.newRoot) || fieldPath(v.newRoot)) ? null : 'must be {newRoot: <document expression>}'),
  $replaceWith: (v) => (isPlainObject(v) || fieldPath(v) ? null : 'must be a document expression'),
  $unset: (v) => (fieldName(v) || (Array.isArray(v) && v.length > 0 && v.every(fieldName)) ? null : 'must be a field name or an array of them'),
  $sample: (v) => (isPlainObject(v) && count(0)(v.size) === null ? null : 'must be {size: <integer ≥ 0>}'),
  $sortByCount: (v) => (fieldPath(v) || isPlainObject(v) ? null : "must be '$<field>' or an expression object"),
  $geoNear: object,
  $bucket: (v) => (isPlainObject(v) && 'groupBy' in v && Array.isArray(v.boundaries) && v.boundaries.length >= 2 ? null : 'must be {groupBy, boundaries: [≥ 2 values], …}'),
  $bucketAuto: (v) => (isPlainObject(v) && 'groupBy' in v && count(1)(v.buckets) === null ? null : 'must be {groupBy, buckets: <integer ≥ 1>}'),
  $facet: (v) => (isPlainObject(v) && Object.values(v).every((p) => Array.isArray(p)) ? null : 'must map names to pipelines'),
};

function isAccumulator(a: unknown): boolean {
  if (!isPlainObject(a)) return false;
  const keys = Object.keys(a);
  return keys.length === 1 && keys[0].startsWith('$');
}

/** Checks every stage, and recursively the sub-pipelines of $lookup and $facet; INVALID_PARAM names the stage by its path. */
export function checkPipeline(stages: Array<Record<string, unknown>>, where = 'stages'): void {
  stages.forEach((stage, i) => {
    const at = `${where}[${i}]`;
    const keys = isPlainObject(stage) ? Object.keys(stage) : [];
    if (keys.length !== 1 || !keys[0].startsWith('$')) throw new WireError('INVALID_PARAM', `${at} must be one {$stage: value}`);
    const [key] = keys;
    const value = stage[key];
    const check = STAGES[key];
    const problem = check ? check(value) : value === undefined ? 'is missing' : null;
    if (problem) throw new WireError('INVALID_PARAM', `${at} ${key} ${problem}`);
    const v = value as Record<string, unknown>;
    if (key === '$lookup' && Array.isArray(v.pipeline)) checkPipeline(v.pipeline as Array<Record<string, unknown>>, `${at}.$lookup.pipeline`);
    if (key === '$facet') for (const [name, p] of Object.entries(v)) checkPipeline(p as Array<Record<string, unknown>>, `${at}.$facet.${name}`);
  });
}
