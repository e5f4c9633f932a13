import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { partners } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';
import { conflict, invalid, notFound, type FieldFault } from '../../errors.js';

export type Partner = typeof partners.$inferSelect;
export type PartnerInput = { name: string; country: string; timeZone: string; region?: string | null; contactEmail?: string | null };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function isCountry(code: string): boolean {
  const upper = code.toUpperCase();
  // DisplayNames echoes codes it does not know; 'ZZ' (unknown region) is not a country.
  return upper !== 'ZZ' && regionNames.of(upper) !== upper;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

function check(input: Partial<PartnerInput>): void {
  const faults: FieldFault[] = [];
  if (input.country !== undefined && !isCountry(input.country)) faults.push({ pointer: '/country', message: `"${input.country}" is not an ISO 3166-1 country code` });
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) faults.push({ pointer: '/timeZone', message: `"${input.timeZone}" is not an IANA time zone such as Europe/Warsaw` });
  if (faults.length) throw invalid('The partner has invalid fields.', faults);
}

export function createPartnersService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  function get(id: string): Partner {
    const p = db.select().from(partners).where(eq(partners.id, id)).get();
    if (!p) throw notFound('The partner');
    return p;
  }

  function assertNameFree(name: string, exceptId?: string) {
    const other = db.select({ id: partners.id }).from(partners).where(eq(partners.name, name)).get();
    if (other && other.id !== exceptId) throw conflict(`A partner named "${name}" already exists.`);
  }

  return {
    list: (): Partner[] => db.select().from(partners).orderBy(partners.name).all(),
    get,
    create(input: PartnerInput): Partner {
      check(input);
      assertNameFree(input.name);
      const at = clock().toISOString();
      const row = { id: newId(), name: input.name, country: input.country.toUpperCase(), region: input.region ?? null,
        timeZone: input.timeZone, contactEmail: input.contactEmail ?? null, createdAt: at, updatedAt: at };
      db.insert(partners).values(row).run();
      return row;
    },
    update(id: string, patch: Partial<PartnerInput>): Partner {
      get(id);
      check(patch);
      if (patch.name) assertNameFree(patch.name, id);
      db.update(partners).set({ ...patch, ...(patch.country ? { country: patch.country.toUpperCase() } : {}), updatedAt: clock().toISOString() })
        .where(eq(partners.id, id)).run();
      return get(id);
    },
  };
}

export type PartnersService = ReturnType<typeof createPartnersService>;
