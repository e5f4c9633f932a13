import { randomBytes } from 'node:crypto';

/** A random 128-bit id: response ids must not reveal order or count. */
export const newResponseId = () => randomBytes(16).toString('base64url');

/** The UTC date of a moment, as the midnight timestamp anonymous responses store instead of the moment. */
export const dayOf = (iso: string) => `${iso.slice(0, 10)}T00:00:00.000Z`;
