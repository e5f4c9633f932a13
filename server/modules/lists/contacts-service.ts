import { and, asc, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactImportRows, contactImports, contacts, suppressions, type ContactStatus } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';
import { conflict, invalid, notFound, type FieldFault } from '../../errors.js';
import type { AuditService } from '../audit/service.js';
import { normalizeEmail, normalizeLanguage } from './import/normalize-row.js';
import { assertVisible, type Scope } from './scope.js';
import { containsPattern, likeEscaped, searchText, type ListsService, type Page } from './service.js';

export type Contact = typeof contacts.$inferSelect;
export const CONTACT_SORTS = ['email', 'name', 'language', 'status', 'createdAt', 'updatedAt'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export interface ContactInput {
  email?: string;
  name?: string | null;
  language?: string | null;
  attributes?: Record<string, string>;
}

/**
 * Later modules (campaigns: invitations, messages, tracked answers) add what erasure must also clear,
 * run inside the erasure's transaction.
 */
export type ErasureStep = (tx: Db, target: { emailHash: string; contactIds: string[]; partnerIds: string[]; sameAddress: (text: string) => boolean }) => void;

export interface ContactsDeps {
  db: Db;
  erasureSteps?: ErasureStep[];
  audit: AuditService;
  lists: ListsService;
  hashEmail: (normalized: string) => string;
  clock?: () => Date;
}

const SORT_COLUMNS = { email: contacts.emailNormalized, name: contacts.name, language: contacts.language, status: contacts.status, createdAt: contacts.createdAt, updatedAt: contacts.updatedAt };

export function createContactsService({ db, audit, lists, hashEmail, erasureSteps = [], clock = () => new Date() }: ContactsDeps) {
  const iso = () => clock().toISOString();

  function get(id: string, scope: Scope): Contact {
    return assertVisible(db.select().from(contacts).where(eq(contacts.id, id)).get(), scope, 'The contact');
  }

  function checkInput(input: ContactInput, requireEmail: boolean) {
    const faults: FieldFault[] = [];
    let email: { email: string; normalized: string } | null = null;
    if (input.email !== undefined || requireEmail) {
      email = normalizeEmail(input.email ?? '');
      if (!email) faults.push({ pointer: '/email', message: 'is not a valid email address' });
    }
    let language: string | null | undefined = input.language === undefined ? undefined : null;
    if (input.language) {
      language = normalizeLanguage(input.language);
      if (!language) faults.push({ pointer: '/language', message: `"${input.language}" is not a known language (use a BCP 47 tag such as sv, pl, ar, prs)` });
    }
    if (faults.length) throw invalid('The contact has invalid fields.', faults);
    return { email, language };
  }

  function suppressedReason(partnerId: string, hash: string) {
    return db.select({ reason: suppressions.reason }).from(suppressions).where(and(eq(suppressions.partnerId, partnerId), eq(suppressions.emailHash, hash))).get()?.reason;
  }

  /** Marks every contact of `partnerIds` with this address hash, and remembers the hash so imports skip it. */
  function suppress(hash: string, partnerIds: string[], reason: 'opted_out' | 'erased', tx: Pick<Db, 'insert'>) {
    for (const partnerId of partnerIds) {
      const insert = tx.insert(suppressions).values({ partnerId, emailHash: hash, reason, createdAt: iso() });
      // An erasure outranks an earlier opt-out; an opt-out never downgrades an erasure.
      if (reason === 'erased') insert.onConflictDoUpdate({ target: [suppressions.partnerId, suppressions.emailHash], set: { reason } }).run();
      else insert.onConflictDoNothing().run();
    }
  }

  /**
   * Erasure (GDPR art. 17): personal fields of every matching contact emptied, the person's staged import
   * rows deleted, only a keyed hash kept in the suppression list. Campaign data (invitations, messages,
   * tracked responses) is erased by the campaigns module when it exists.
   */
  function eraseHash(hash: string, partnerIds: string[] | 'all', scope: Scope, targetId: string | null) {
    return db.transaction((tx) => {
      const where = and(eq(contacts.emailHash, hash), partnerIds === 'all' ? undefined : inArray(contacts.partnerId, partnerIds));
      const matched = tx.select({ id: contacts.id, partnerId: contacts.partnerId }).from(contacts).where(where).all();
      const partnersHit = partnerIds === 'all' ? [...new Set(matched.map((c) => c.partnerId))] : partnerIds;
      tx.update(contacts).set({ email: null, emailNormalized: null, emailHash: null, name: null, searchText: null, language: null, attributes: {}, status: 'erased', updatedAt: iso() })
        .where(where).run();
      const stagedImports = tx.select({ id: contactImports.id }).from(contactImports)
        .where(partnerIds === 'all' ? undefined : inArray(contactImports.partnerId, partnerIds)).all().map((i) => i.id);
      if (stagedImports.length) tx.delete(contactImportRows).where(and(eq(contactImportRows.emailHash, hash), inArray(contactImportRows.importId, stagedImports))).run();
      // The rows no longer hold the hash: steps get it, and the ids matched before emptying, explicitly.
      // sameAddress: whether a text (an answer, say) is this address, normalised and keyed as the hash was
      const sameAddress = (text: string) => { const e = normalizeEmail(text); return e !== null && hashEmail(e.normalized) === hash; };
      for (const step of erasureSteps) step(tx as unknown as Db, { emailHash: hash, contactIds: matched.map((c) => c.id), partnerIds: partnersHit, sameAddress });
      suppress(hash, partnersHit, 'erased', tx);
      for (const partnerId of partnersHit) {
        audit.record({ actorId: scope.userId, partnerId, action: 'contact.erase', targetType: 'contact', targetId,
          details: { contactsErased: matched.filter((c) => c.partnerId === partnerId).length } }, tx);
      }
      return { contactsErased: matched.length, partners: partnersHit.length };
    });
  }

  return {
    get,

    list(listId: string, scope: Scope, q: { search?: string; status?: ContactStatus; sort?: ContactSort; order?: 'asc' | 'desc' } & Page) {
      lists.get(listId, scope);
      const pattern = q.search ? containsPattern(searchText(q.search.trim())) : undefined;
      const where = and(eq(contacts.listId, listId), q.status ? eq(contacts.status, q.status) : undefined,
        pattern ? likeEscaped(contacts.searchText, pattern) : undefined);
      const total = db.select({ n: sql<number>`count(*)` }).from(contacts).where(where).get()!.n;
      const dir = q.order === 'desc' ? desc : asc;
      const items = db.select().from(contacts).where(where).orderBy(dir(SORT_COLUMNS[q.sort ?? 'email']), asc(contacts.id))
        .limit(q.pageSize).offset((q.page - 1) * q.pageSize).all();
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    create(listId: string, input: ContactInput & { email: string }, scope: Scope): Contact {
      const l = lists.get(listId, scope);
      const { email, language } = checkInput(input, true);
      const hash = hashEmail(email!.normalized);
      const reason = suppressedReason(l.partnerId, hash);
      if (reason) throw conflict(`This address ${reason === 'erased' ? 'was erased' : 'opted out'} earlier for this partner and is not added again.`);
      if (db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.listId, listId), eq(contacts.emailNormalized, email!.normalized))).get()) {
        throw conflict('This address is already in the list.');
      }
      const row: Contact = { id: newId(), listId, partnerId: l.partnerId, email: email!.email, emailNormalized: email!.normalized, emailHash: hash,
        name: input.name?.trim() || null, searchText: null, language: language ?? null, attributes: input.attributes ?? {}, status: 'active', createdAt: iso(), updatedAt: iso() };
      row.searchText = searchText(row.email, row.name);
      db.transaction((tx) => {
        tx.insert(contacts).values(row).run();
        audit.record({ actorId: scope.userId, partnerId: l.partnerId, action: 'contact.create', targetType: 'contact', targetId: row.id }, tx);
      });
      return row;
    },

    update(id: string, patch: ContactInput, scope: Scope): Contact {
      const c = get(id, scope);
      if (c.status === 'erased') throw conflict('This contact was erased; its personal data cannot be set again.');
      const { email, language } = checkInput(patch, false);
      if (email && email.normalized !== c.emailNormalized) {
        if (suppressedReason(c.partnerId, hashEmail(email.normalized))) throw conflict('The new address opted out or was erased earlier for this partner.');
        if (db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.listId, c.listId), eq(contacts.emailNormalized, email.normalized))).get()) {
          throw conflict('Another contact in this list has this address.');
        }
      }
      const name = patch.name !== undefined ? patch.name?.trim() || null : c.name;
      db.transaction((tx) => {
        tx.update(contacts).set({
          ...(email ? { email: email.email, emailNormalized: email.normalized, emailHash: hashEmail(email.normalized) } : {}),
          name,
          searchText: searchText(email?.email ?? c.email, name),
          ...(language !== undefined ? { language } : {}),
          ...(patch.attributes ? { attributes: patch.attributes } : {}),
          updatedAt: iso(),
        }).where(eq(contacts.id, id)).run();
        audit.record({ actorId: scope.userId, partnerId: c.partnerId, action: 'contact.update', targetType: 'contact', targetId: id, details: { fields: Object.keys(patch) } }, tx);
      });
      return get(id, scope);
    },

    /** Removes one contact from its list (no suppression: it may be imported again). */
    remove(id: string, scope: Scope) {
      const c = get(id, scope);
      db.transaction((tx) => {
        tx.delete(contacts).where(eq(contacts.id, id)).run();
        audit.record({ actorId: scope.userId, partnerId: c.partnerId, action: 'contact.delete', targetType: 'contact', targetId: id }, tx);
      });
    },

    /** Opt-out is per partner: every list of the partner stops mailing this address, and imports skip it. */
    optOut(id: string, scope: Scope): Contact {
      const c = get(id, scope);
      if (c.status === 'erased' || !c.emailHash) throw conflict('This contact was erased.');
      db.transaction((tx) => {
        tx.update(contacts).set({ status: 'opted_out', updatedAt: iso() }).where(and(eq(contacts.partnerId, c.partnerId), eq(contacts.emailHash, c.emailHash!))).run();
        suppress(c.emailHash!, [c.partnerId], 'opted_out', tx);
        audit.record({ actorId: scope.userId, partnerId: c.partnerId, action: 'contact.opt_out', targetType: 'contact', targetId: id }, tx);
      });
      return get(id, scope);
    },

    /** A coordinator erases a person from their own partner (every list of it). */
    erase(id: string, scope: Scope) {
      const c = get(id, scope);
      if (!c.emailHash) return { contactsErased: 0, partners: 0 };
      return eraseHash(c.emailHash, [c.partnerId], scope, id);
    },

    /** An admin erases an address from every partner. */
    eraseEverywhere(rawEmail: string, scope: Scope) {
      const email = normalizeEmail(rawEmail);
      if (!email) throw invalid('This is not an email address.', [{ pointer: '/email', message: 'is not a valid email address' }]);
      return eraseHash(hashEmail(email.normalized), 'all', scope, null);
    },

    /** The attribute keys of a list and its contacts page by page (keyset), for the CSV download. */
    exportRows(listId: string, scope: Scope) {
      lists.get(listId, scope);
      const live = and(eq(contacts.listId, listId), ne(contacts.status, 'erased'));
      const keys = new Set<string>();
      for (const row of db.select({ attributes: contacts.attributes }).from(contacts).where(live).all()) for (const k of Object.keys(row.attributes)) keys.add(k);
      function* pages() {
        let after = '';
        for (;;) {
          const page = db.select().from(contacts).where(and(live, gt(contacts.id, after))).orderBy(asc(contacts.id)).limit(1000).all();
          if (page.length) yield page;
          if (page.length < 1000) return;
          after = page[page.length - 1].id;
        }
      }
      return { attributeKeys: [...keys].sort(), pages: pages() };
    },
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
