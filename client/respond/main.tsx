/** The phone's entry: read what the server rendered, load this language's compiled survey, hydrate. */
import { hydrate } from 'preact';
import { createRuntime } from '../runtime/runtime.js';
import type { StructurePayload, TextsPayload } from '../runtime/compiled-types.js';
import type { Boot } from './boot.js';
import { App } from './App.js';

async function main() {
  const boot = JSON.parse(document.getElementById('boot')!.textContent!) as Boot;
  const load = async <T,>(url: string) => (await fetch(url)).json() as Promise<T>;
  const [structure, texts] = await Promise.all([load<StructurePayload>(boot.structure), load<TextsPayload>(boot.texts)]);
  const rt = createRuntime(structure, texts);
  rt.setData(boot.start.answers);
  hydrate(<App boot={boot} rt={rt} structure={structure} />, document.getElementById('app')!);
  document.documentElement.dataset.ready = '1';
}

void main();
