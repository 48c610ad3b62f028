import { appendFileSync } from 'node:fs';

let out;
export function initialize(data) {
  out = data?.out;
}
export async function resolve(specifier, context, next) {
  if (out) appendFileSync(out, specifier + '\n');
  return next(specifier, context);
}
