// The code detector's literal prefilter (literal-sieve.ts): every pass registers the regexes it runs over
// a whole file, and analyseCode looks for all their words in one pass before running any of them.
import { LiteralSieve } from '../literal-sieve';

export const CODE_SIEVE = new LiteralSieve();

/** Registers `re` with the code detector's sieve; returns it unchanged. */
export const sieved = (re: RegExp): RegExp => CODE_SIEVE.add(re);
