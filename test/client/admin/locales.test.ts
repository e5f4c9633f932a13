/**
 * The admin interface's strings: every namespace (client/admin/locales for `common`, and each
 * area's screens/<area>/locales) has, in Swedish, Polish and Lithuanian, exactly the English keys
 * (plural forms aside) with the same {{variables}}, and no value left empty.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';

const ADMIN = path.resolve('client/admin');
const LANGUAGES = ['sv', 'pl', 'lt'];
const namespaces = [path.join(ADMIN, 'locales'),
  ...readdirSync(path.join(ADMIN, 'screens')).map((area) => path.join(ADMIN, 'screens', area, 'locales')).filter((dir) => existsSync(dir))];

type Tree = { [key: string]: string | Tree };
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Tree;
function flat(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flat(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
// i18next plural suffixes differ by language (Polish and Lithuanian have few/many)
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

t.ok(namespaces.length >= 1, 'the common namespace exists');
for (const dir of namespaces) {
  const name = path.relative(ADMIN, dir);
  t.test(name, async (t) => {
    const english = flat(read(path.join(dir, 'en.json')));
    const englishBases = new Set([...english.keys()].map(base));
    for (const language of LANGUAGES) {
      const file = path.join(dir, `${language}.json`);
      if (!t.ok(existsSync(file), `${language}.json exists`)) continue;
      const translated = flat(read(file));
      const translatedBases = new Set([...translated.keys()].map(base));
      t.same([...englishBases].filter((k) => !translatedBases.has(k)), [], `${language}: no English key missing`);
      t.same([...translatedBases].filter((k) => !englishBases.has(k)), [], `${language}: no key English lacks`);
      for (const [key, value] of translated) {
        const source = english.get(key) ?? english.get(`${base(key)}_other`) ?? english.get(base(key));
        if (source === undefined) continue;
        if (!value.trim()) t.fail(`${language}: ${key} is empty`);
        const want = variables(source).filter((v) => v !== 'count');
        const got = variables(value).filter((v) => v !== 'count');
        if (want.join() !== got.join()) t.fail(`${language}: ${key} has variables ${got.join(', ') || 'none'}, English ${want.join(', ') || 'none'}`);
      }
    }
  });
}
