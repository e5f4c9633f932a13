import t from 'tap';
import type { Test } from 'tap';
import { explicitMapping, guessMapping } from '../../../../../server/modules/lists/import/columns.js';
import type { ColumnMapping, MappingResult } from '../../../../../server/modules/lists/import/columns.js';

function mapped(t: Test, result: MappingResult): ColumnMapping {
  if ('faults' in result) {
    t.fail('mapping failed', { faults: result.faults });
    throw new Error('mapping failed');
  }
  return result.mapping;
}

const faultsOf = (result: MappingResult) => ('faults' in result ? result.faults : []);

t.test('English headers', async (t) => {
  t.same(mapped(t, guessMapping(['Full Name', 'E-mail address', 'Preferred language', 'City'])), {
    email: 1, name: [0], language: 2, attributes: [{ index: 3, key: 'City' }],
  });
  t.same(mapped(t, guessMapping(['First name', 'Last name', 'Email', 'Locale'])), { email: 2, name: [0, 1], language: 3, attributes: [] });
});

t.test('Swedish headers, with first and last name joined in that order', async (t) => {
  t.same(mapped(t, guessMapping(['Efternamn', 'Förnamn', 'E-postadress', 'Föredraget språk', 'Kommun'])), {
    email: 2, name: [1, 0], language: 3, attributes: [{ index: 4, key: 'Kommun' }],
  });
  t.same(mapped(t, guessMapping(['Namn', 'Mejl', 'Språk'])), { email: 1, name: [0], language: 2, attributes: [] });
  t.same(mapped(t, guessMapping(['Fullständigt namn', 'epost'])).name, [0]);
});

t.test('Polish headers', async (t) => {
  t.same(mapped(t, guessMapping(['Imię', 'Nazwisko', 'Adres e-mail', 'Preferowany język'])), { email: 2, name: [0, 1], language: 3, attributes: [] });
  t.same(mapped(t, guessMapping(['Imię i nazwisko', 'E-mail adres', 'Język'])), { email: 1, name: [0], language: 2, attributes: [] });
});

t.test('Lithuanian headers, with and without diacritics', async (t) => {
  t.same(mapped(t, guessMapping(['Vardas', 'Pavardė', 'El. paštas', 'Kalba'])), { email: 2, name: [0, 1], language: 3, attributes: [] });
  t.same(mapped(t, guessMapping(['Vardas ir pavarde', 'el.pastas', 'Pageidaujama kalba'])), { email: 1, name: [0], language: 2, attributes: [] });
  t.same(mapped(t, guessMapping(['Vardas', 'Elektroninis paštas'])).name, [0], 'Vardas alone is the whole name');
  t.same(mapped(t, guessMapping(['El. pašto adresas'])).email, 0);
});

t.test('case, spacing, punctuation and diacritics do not matter', async (t) => {
  for (const header of ['EMAIL', ' e-mail ', 'E_Mail', 'E-POST', 'e post', 'ADRES E-MAIL', 'EL PASTAS', 'el. paštas']) {
    t.equal(mapped(t, guessMapping([header, 'x'])).email, 0, header);
  }
});

t.test('every other named column is an attribute keyed by its header as written, trimmed and collapsed', async (t) => {
  const mapping = mapped(t, guessMapping(['Email', '  Organisation  ', 'Telefon  nr', '', 'Födelseår', '=cmd']));
  t.same(mapping.attributes, [
    { index: 1, key: 'Organisation' }, { index: 2, key: 'Telefon nr' }, { index: 4, key: 'Födelseår' }, { index: 5, key: '=cmd' },
  ]);
  t.same(mapped(t, guessMapping(['email'])), { email: 0, name: [], language: null, attributes: [] });
});

t.test('no email column: the fault lists the headers seen', async (t) => {
  const faults = faultsOf(guessMapping(['Namn', 'Telefon', '']));
  t.equal(faults.length, 1);
  t.match(faults[0], /No column looks like an email address/);
  t.match(faults[0], /"Namn", "Telefon"\./);
});

t.test('two email-like columns are a fault rather than a guess', async (t) => {
  t.match(faultsOf(guessMapping(['E-post', 'Email', 'Namn'])), [/"E-post", "Email"/]);
});

t.test('duplicate attribute keys are a fault', async (t) => {
  t.match(faultsOf(guessMapping(['Email', 'Stad', 'stad ', 'Ort'])), [/"Stad", "stad"/]);
});

t.test('an explicit mapping names columns as written in the file', async (t) => {
  const header = ['Kontakt', 'Vem', 'Modersmål', 'Grupp', 'Notering'];
  t.same(mapped(t, explicitMapping(header, { email: 'Kontakt', name: 'Vem', language: 'Modersmål' })), {
    email: 0, name: [1], language: 2, attributes: [{ index: 3, key: 'Grupp' }, { index: 4, key: 'Notering' }],
  });
  t.same(mapped(t, explicitMapping(header, { email: 'kontakt', name: ['Vem', 'Grupp'], attributes: ['Notering'] })), {
    email: 0, name: [1, 3], language: null, attributes: [{ index: 4, key: 'Notering' }],
  }, 'loose matching when unambiguous; only the chosen attributes');
});

t.test('an explicit mapping naming a missing column, or one column twice, is a fault', async (t) => {
  const header = ['Kontakt', 'Vem'];
  t.match(faultsOf(explicitMapping(header, { email: 'E-post', language: 'Språk' })), [
    /"E-post" is not in the file\. The columns are: "Kontakt", "Vem"/, /"Språk" is not in the file/,
  ]);
  t.match(faultsOf(explicitMapping(header, { email: 'Kontakt', name: 'Kontakt' })), [/"Kontakt" is chosen for more than one purpose/]);
});
