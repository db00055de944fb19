/**
 * The Firefox half of normalizeError, installed by vocabulary.ts. Chromium's build leaves it out: Chromium never
 * reports Firefox's names, nsresults, NSS codes or sentences, and their tables are most of the taxonomy's weight.
 */
import type { NormalizedError } from './types';

export interface FirefoxDecoder {
  /** `NS_*` names, NSS / mozilla::pkix / NSPR names; undefined for other names. */
  fromName(raw: string, name: string): NormalizedError | undefined;
  fromNsresult(raw: string, nsresult: number): NormalizedError;
  /** `NS_ERROR_GENERATE_FAILURE(<module>, <code>)`; `byName` resolves a name argument. */
  fromGenerated(
    raw: string,
    moduleText: string,
    codeText: string,
    byName: (raw: string, name: string) => NormalizedError,
  ): NormalizedError;
  /** One of Firefox's English TLS sentences, as an NSS name. */
  nssNameForSentence(text: string): string | undefined;
}

let decoder: FirefoxDecoder | null = null;

export function setFirefoxDecoder(d: FirefoxDecoder): void {
  decoder = d;
}

export function firefoxDecoder(): FirefoxDecoder | null {
  return decoder;
}
