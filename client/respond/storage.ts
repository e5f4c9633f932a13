/**
 * The device's copy of a link's answers (localStorage), written on every change, so closing the
 * tab, reloading or losing the connection loses nothing. Private browsing or a full storage
 * must not stop answering: failures are swallowed and answering goes on from memory.
 */
import type { Step } from './boot.js';

export interface LocalCopy {
  version: number;
  answers: Record<string, unknown>;
  page: number;
  step: Step;
  consent: boolean;
  /** answer names ever sent, so a cleared answer is sent as null */
  known: string[];
  /** changed since the server last confirmed a save */
  dirty: boolean;
  /** a completion sent but not yet acknowledged: retried with the same key */
  completing?: { key: string };
}

const PREFIX = 'relay:';

export function readCopy(key: string, version: number): LocalCopy | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const copy = raw ? (JSON.parse(raw) as LocalCopy) : undefined;
    return copy && copy.version === version && typeof copy.answers === 'object' ? copy : undefined;
  } catch {
    return undefined;
  }
}

export function writeCopy(key: string, copy: LocalCopy): boolean {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

export function clearCopy(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing stored, nothing to clear
  }
}

/** A fresh idempotency key: the same request retried counts once. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}
