/**
 * The built-in functions of survey-core 3.1 (FunctionFactory registrations in fesm/survey-core.mjs)
 * that need no survey model: plain, synchronous and deterministic once the clock is fixed.
 * The *InArray family is in expression-in-array.ts. Left out: isContainerReady,
 * isDisplayMode, propertyValue, getComment (need the survey model) and displayValue (async).
 * The clock is `ctx.fn.currentDate` when given, like survey-core's survey.dateProvider.
 */
import type { EvalContext } from './expression-types.js';
import { afterPlusMinus, createDate, isNumber, toNumber } from './expression-ops.js';

type Builtin = (params: unknown[], ctx: EvalContext) => unknown;
/** JavaScript's own coercions are survey-core's semantics here (`getDate() + '1'`), hence the casts. */
const loose = (value: unknown): number => value as number;

function clock(ctx: EvalContext): () => Date {
  const now = ctx.fn?.currentDate;
  return now ? () => new Date(loose(now([]))) : () => new Date();
}

/** getParamsAsArray: flattens arrays, drops null and undefined, reads numeric strings as numbers. */
function flat(value: unknown, out: unknown[] = []): unknown[] {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) for (const item of value) flat(item, out);
  else out.push(isNumber(value) ? toNumber(value) : value);
  return out;
}

function sum(params: unknown[]): unknown {
  let res: unknown = 0;
  for (const item of flat(params)) res = afterPlusMinus(res, item, loose(res) + loose(item));
  return res;
}

function minMax(params: unknown[], isMin: boolean): unknown {
  let res: unknown = undefined;
  for (const item of flat(params)) {
    if (res === undefined) res = item;
    if (isMin ? loose(res) > loose(item) : loose(res) < loose(item)) res = item;
  }
  return res;
}

function today(params: unknown[] | undefined, ctx: EvalContext): Date {
  const res = clock(ctx)();
  res.setHours(0, 0, 0, 0);
  if (Array.isArray(params) && params.length === 1) res.setDate(loose(res.getDate() + loose(params[0])));
  return res;
}

function diffDays(params: unknown[]): number {
  if (params.length !== 2 || !params[0] || !params[1]) return 0;
  const [d1, d2] = [createDate(params[0]), createDate(params[1])];
  const utc1 = Date.UTC(d1.getFullYear(), d1.getMonth(), d1.getDate());
  const utc2 = Date.UTC(d2.getFullYear(), d2.getMonth(), d2.getDate());
  return Math.ceil(Math.abs(utc2 - utc1) / (1000 * 60 * 60 * 24));
}

function dateDiffMonths(from: unknown, to: unknown, type: unknown, ctx: EvalContext): number {
  if (type === 'days') return diffDays([from, to]);
  const [d1, d2] = [createDate(from, clock(ctx)), createDate(to, clock(ctx))];
  let months = (d2.getFullYear() - d1.getFullYear()) * 12 + d2.getMonth() - d1.getMonth();
  if (d2.getDate() < d1.getDate()) months -= 1;
  return (type || 'years') === 'months' ? months : ~~(months / 12);
}

function dateDiff(params: unknown[], ctx: EvalContext): number | null {
  if (params.length < 2 || !params[0] || !params[1]) return null;
  const type = (params.length > 2 ? params[2] : '') || 'days';
  const unit = type === 'hours' ? 3600000 : type === 'minutes' ? 60000 : type === 'seconds' ? 1000 : 0;
  if (!unit) return dateDiffMonths(params[0], params[1], type, ctx);
  const ms = Math.abs(createDate(params[1], clock(ctx)).getTime() - createDate(params[0], clock(ctx)).getTime());
  return Math.ceil(ms / unit);
}

function dateAdd(params: unknown[]): Date | null {
  if (params.length < 2 || !params[0] || !params[1]) return null;
  const date = createDate(params[0]);
  const add = (current: number) => loose(current + loose(params[1]));
  const interval = params[2] || 'days';
  if (interval === 'days') date.setDate(add(date.getDate()));
  if (interval === 'months') date.setMonth(add(date.getMonth()));
  if (interval === 'years') date.setFullYear(add(date.getFullYear()));
  if (interval === 'hours') date.setHours(add(date.getHours()));
  if (interval === 'minutes') date.setMinutes(add(date.getMinutes()));
  if (interval === 'seconds') date.setSeconds(add(date.getSeconds()));
  return date;
}

/** year(), month(), day(), weekday(): of the first parameter, or of today. */
const datePart = (part: (date: Date) => number): Builtin => (params, ctx) =>
  part(params && params[0] ? createDate(params[0], clock(ctx)) : today(undefined, ctx));

function round(params: unknown[]): number {
  const [num, second] = flat(params);
  const precision = second || 0;
  if (num === undefined || !isNumber(num) || !isNumber(precision)) return NaN;
  const p = Math.pow(10, loose(precision));
  return Math.round(loose(num) * p * (1 + Number.EPSILON)) / p;
}

function trunc(params: unknown[]): number {
  const [num, second] = flat(params);
  const precision = second || -1;
  if (num === undefined || !isNumber(num) || !isNumber(precision)) return NaN;
  const match = loose(num).toString().match(new RegExp('^-?\\d+(?:.\\d{0,' + loose(precision) + '})?'));
  return Number((match as RegExpMatchArray)[0]);
}

function substring(params: unknown[]): string {
  const [s, start, end] = params;
  if (params.length < 2 || !s || typeof s !== 'string' || !isNumber(start)) return '';
  return isNumber(end) ? s.substring(loose(start), loose(end)) : s.substring(loose(start));
}

export const BUILTIN_FUNCTIONS: Readonly<Record<string, Builtin>> = Object.freeze({
  iif: (p) => (p.length < 2 ? null : p[0] ? p[1] : p.length > 2 ? p[2] : undefined),
  sum,
  min: (p) => minMax(p, true),
  max: (p) => minMax(p, false),
  count: (p) => flat(p).length,
  avg: (p) => { const n = flat(p).length; return n > 0 ? loose(sum(p)) / n : 0; },
  round,
  trunc,
  substring,
  getDate: (p) => (p.length < 1 || !p[0] ? null : createDate(p[0])),
  getYear: (p) => (p.length !== 1 || !p[0] ? undefined : createDate(p[0]).getFullYear()),
  age: (p, ctx) => (p.length < 1 || !p[0] ? null : dateDiffMonths(p[0], undefined, (p.length > 1 ? p[1] : '') || 'years', ctx)),
  dateDiff,
  dateAdd,
  diffDays,
  today,
  currentDate: (_p, ctx) => clock(ctx)(),
  currentYear: (_p, ctx) => clock(ctx)().getFullYear(),
  year: datePart((d) => d.getFullYear()),
  month: datePart((d) => d.getMonth() + 1),
  day: datePart((d) => d.getDate()),
  weekday: datePart((d) => d.getDay()),
});
