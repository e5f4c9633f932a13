/**
 * Phone runtime benchmark, each figure beside survey-core's in the same run:
 *  - gzipped size of our browser runtime (esbuild, minified, without a renderer) vs survey-core's bundle;
 *  - compiled payload sizes of the migrant survey (structure, each locale) vs its full definition;
 *  - compile time vs `new Model(json)`;
 *  - validating a completed answer set with our runtime vs survey-core's `new Model` + `validate()`.
 *   npm run bench:runtime   (ITERATIONS=200 by default)
 */
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Model } from '../server/modules/surveys/definition/survey-core-setup.js';
import { compileSurvey } from '../server/modules/surveys/compiler/compile.js';
import { createRuntime } from '../client/runtime/runtime.js';

const N = Number(process.env.ITERATIONS ?? 200);
const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function median(fn: () => void, n = N): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

const bundle = await build({ entryPoints: ['client/runtime/runtime.ts'], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2019', write: false });
const runtimeGz = gz(Buffer.from(bundle.outputFiles[0].contents));
const surveyCoreGz = gz(fs.readFileSync('node_modules/survey-core/survey.core.min.js'));

const json = JSON.parse(fs.readFileSync('surveys/migrant-experience.json', 'utf8'));
const compiled = compileSurvey(json);
if (!compiled.ok) throw new Error(`migrant survey does not compile: ${JSON.stringify(compiled.faults.slice(0, 3))}`);
const structure = JSON.stringify(compiled.structure);
const definitionText = JSON.stringify(json);

// One completed answer set: the first choice of every choice question, a valid value for the others.
const reference = new Model(json);
const answers: Record<string, unknown> = {};
for (const q of reference.getAllQuestions()) {
  const type = q.getType();
  if (type === 'matrix') answers[q.name] = Object.fromEntries(q.rows.map((r: { value: unknown }) => [r.value, q.columns[0].value]));
  else if (type === 'checkbox') answers[q.name] = [q.choices[0].value];
  else if ('choices' in q && q.choices?.length) answers[q.name] = q.choices[0].value;
  else if (type === 'boolean') answers[q.name] = true;
  else if (type === 'rating') answers[q.name] = 3;
  else if (q.inputType === 'email') answers[q.name] = 'person@example.org';
  else if (q.inputType === 'number') answers[q.name] = 30;
  else answers[q.name] = 'Some words';
}

const compileMs = median(() => compileSurvey(json), Math.min(N, 50));
const modelMs = median(() => new Model(json), Math.min(N, 50));
const coreValidateMs = median(() => { const m = new Model(json); m.data = answers; m.validate(false); });
const texts = compiled.texts.sv;
const oursValidateMs = median(() => {
  const r = createRuntime(compiled.structure, texts);
  r.setData(answers);
  for (const page of r.visiblePages()) r.pageErrors(page);
  r.completedData();
});

console.log('phone runtime vs survey-core (same run)');
console.log(`  browser bundle, gzipped: ours ${kb(runtimeGz)} vs survey-core ${kb(surveyCoreGz)} (ratio ${(runtimeGz / surveyCoreGz).toFixed(3)})`);
console.log(`  migrant survey payloads: structure ${kb(structure.length)} (${kb(gz(structure))} gz); full multilingual definition ${kb(definitionText.length)} (${kb(gz(definitionText))} gz)`);
for (const [locale, payload] of Object.entries(compiled.texts)) {
  const text = JSON.stringify(payload);
  console.log(`    texts ${locale.padEnd(7)} ${kb(text.length)} (${kb(gz(text))} gz)`);
}
const firstVisit = gz(structure) + gz(JSON.stringify(texts)) + runtimeGz;
console.log(`  first visit in Swedish (runtime + structure + sv texts, gz): ${kb(firstVisit)} vs survey-core bundle + definition ${kb(surveyCoreGz + gz(definitionText))}`);
console.log(`  compile: ${compileMs.toFixed(1)} ms vs new Model(json) ${modelMs.toFixed(1)} ms (ratio ${(compileMs / modelMs).toFixed(1)})`);
console.log(`  validate a completed answer set: ours ${oursValidateMs.toFixed(2)} ms vs survey-core new Model + validate() ${coreValidateMs.toFixed(2)} ms (ratio ${(oursValidateMs / coreValidateMs).toFixed(3)})`);
