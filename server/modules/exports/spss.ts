/**
 * SPSS syntax (.sps) that reads an export's CSV (GET DATA, UTF-8) and applies variable and value
 * labels; checked with GNU PSPP. SPSS names are the column names with anything but letters,
 * digits, `_` and `.` made `_` (at most 64 bytes, unique regardless of case). A numeric
 * quasi-identifier may hold the suppression marker, so it is read as text and recoded: `*`
 * becomes a user-missing code below every other code, labelled as suppressed.
 */
import type { Field } from './fields.js';
import { SUPPRESSED } from './suppression.js';

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const NUMERIC = new Set(['integer', 'number']);

export function spssNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((original) => {
    let base = original.replace(/[^A-Za-z0-9_.]/g, '_').replace(/\.+$/, '').slice(0, 60);
    if (!/^[A-Za-z]/.test(base)) base = `v${base}`;
    if (RESERVED.has(base.toUpperCase())) base += '_';
    let name = base;
    for (let i = 2; taken.has(name.toUpperCase()); i++) name = `${base}_${i}`;
    taken.add(name.toUpperCase());
    return name;
  });
}

/** A string literal, in pieces joined by `+` so that no line grows long; at most `max` characters. */
function literal(text: string, max: number): string {
  const flat = [...text.replace(/\s+/g, ' ').trim()].slice(0, max);
  const pieces: string[] = [];
  for (let i = 0; i < flat.length || i === 0; i += 60) pieces.push(`'${flat.slice(i, i + 60).join('').replace(/'/g, "''")}'`);
  return pieces.join(' +\n      ');
}

function width(f: Field): number {
  if (f.name === 'respondent') return 24;
  if (f.freeText) return 4000;
  const longest = Math.max(0, ...(f.enum ?? []).map((v) => Buffer.byteLength(String(v))));
  return f.enum ? Math.max(8, longest) : 255;
}

export function spssSyntax(survey: string, csvName: string, excel: boolean, fields: Field[]): string {
  const names = spssNames(fields.map((f) => f.name));
  const recoded = new Map<number, number>();
  fields.forEach((f, i) => {
    if (NUMERIC.has(f.type) && f.quasiIdentifier) recoded.set(i, Math.min(0, ...(f.enum ?? []).map(Number)) - 1);
  });
  const read = fields.map((f, i) => (recoded.has(i) ? `@${i} A40` : NUMERIC.has(f.type) ? `${names[i]} F16.0` : `${names[i]} A${width(f)}`));
  const out = [
    '* Encoding: UTF-8.',
    `* Survey Relay: anonymised responses to survey "${survey.replace(/[^\x20-\x7e]/g, '?')}". Run this in the folder of ${csvName}.`,
    `* Empty cells are system-missing; ${SUPPRESSED} marks a value suppressed for a small group.`,
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE='${csvName.replace(/'/g, "''")}'`,
    "  /ENCODING='UTF8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    `  /DELIMITERS='${excel ? ';' : ','}'`,
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...read.map((r) => `    ${r}`),
    '.',
  ];
  if (recoded.size) {
    for (const [i, code] of recoded) {
      out.push(`RECODE @${i} ('${SUPPRESSED}'=${code}) (CONVERT) INTO ${names[i]}.`, `MISSING VALUES ${names[i]} (${code}).`);
    }
    out.push('ADD FILES /FILE=*', `  /KEEP=${names.join('\n    ')}.`);
  }
  const formats = fields.flatMap((f, i) => (NUMERIC.has(f.type) ? [`${names[i]} (${f.type === 'integer' ? 'F8.0' : 'F16.4'})`] : []));
  if (formats.length) out.push('FORMATS', ...formats.map((x, j) => `  ${j ? '/' : ''}${x}`), '.');
  out.push('VARIABLE LABELS', ...fields.flatMap((f, i) => (f.title ? [`  /${names[i]} ${literal(f.title, 255)}`] : [])), '.');
  const valueLabels = fields.flatMap((f, i) => {
    const numeric = NUMERIC.has(f.type);
    const pairs = f.labels.map((l) => `${numeric ? Number(l.value) : literal(String(l.value), 120)} ${literal(l.label || String(l.value), 120)}`);
    if (recoded.has(i)) pairs.push(`${recoded.get(i)} 'suppressed (small group)'`);
    return pairs.length ? [`  /${names[i]}`, ...pairs.map((p) => `    ${p}`)] : [];
  });
  if (valueLabels.length) out.push('VALUE LABELS', ...valueLabels, '.');
  out.push('EXECUTE.', '');
  return out.join('\n').replace(/^VARIABLE LABELS\n {2}\//m, 'VARIABLE LABELS\n  ').replace(/^VALUE LABELS\n {2}\//m, 'VALUE LABELS\n  ');
}
