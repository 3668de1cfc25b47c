// Signed checkpoints: an Ed25519 signature over (seq, head) of the event log. Whoever can write
// the workspace can recompute every hash, but cannot sign without the private key, which lives
// outside the workspace. Anyone holding only the public key checks that the log still contains
// each signed head at its seq (RFC 8032 signatures, via @noble/curves).
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { refuse, type EventEntry } from '../model';
import { sha256Hex } from './hash';
import type { RegisterProblem } from './verdict';

const HEX64 = /^[0-9a-f]{64}$/;

export const Checkpoint = z.strictObject({
  seq: z.number().int().nonnegative(),
  head: z.string().regex(HEX64),
  at: z.string().min(1),
  /** First 16 hex digits of SHA-256 of the signer's public key. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Ed25519 signature (128 hex digits) over checkpointMessage(seq, head, at). */
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** The exact bytes signed: a fixed label, then seq, head and time, one per line. */
export function checkpointMessage(seq: number, head: string, at: string): Uint8Array {
  return utf8ToBytes(`aims-lens checkpoint v1\n${seq}\n${head}\n${at}`);
}

export const keyIdOf = (publicKeyHex: string): string => sha256Hex(hexToBytes(publicKeyHex)).slice(0, 16);

/** A new key pair as hex: 32-byte secret key and 32-byte public key. `seed` must be 32 random bytes. */
export function signingKeyPair(seed: Uint8Array): { secretKey: string; publicKey: string } {
  const { secretKey, publicKey } = ed25519.keygen(seed);
  return { secretKey: bytesToHex(secretKey), publicKey: bytesToHex(publicKey) };
}

export function publicKeyOf(secretKeyHex: string): string {
  return bytesToHex(ed25519.getPublicKey(hexToBytes(secretKeyHex)));
}

/** Signs the log's last entry. Throws on an empty log: there is nothing to vouch for. */
export function signCheckpoint(events: readonly EventEntry[], secretKeyHex: string, at: string): Checkpoint {
  const last = events.at(-1);
  if (!last) throw refuse(undefined, 'the event log is empty: nothing to sign');
  const signature = ed25519.sign(checkpointMessage(last.seq, last.hash, at), hexToBytes(secretKeyHex));
  return {
    seq: last.seq,
    head: last.hash,
    at,
    keyId: keyIdOf(publicKeyOf(secretKeyHex)),
    signature: bytesToHex(signature),
  };
}

function validSignature(checkpoint: Checkpoint, publicKeyHex: string): boolean {
  try {
    return ed25519.verify(
      hexToBytes(checkpoint.signature),
      checkpointMessage(checkpoint.seq, checkpoint.head, checkpoint.at),
      hexToBytes(publicKeyHex),
    );
  } catch {
    return false;
  }
}

/**
 * Checks every checkpoint that claims the trusted key: the signature must hold and the log must
 * still hold that head at that seq. At least one such checkpoint must exist.
 * Returns the problems and the highest seq a valid checkpoint covers.
 */
export function verifyCheckpoints(
  events: readonly EventEntry[],
  checkpoints: readonly Checkpoint[],
  publicKeyHex: string,
): { problems: RegisterProblem[]; signedThrough?: number } {
  const keyId = keyIdOf(publicKeyHex);
  const problems: RegisterProblem[] = [];
  let signedThrough: number | undefined;
  const mine = checkpoints.filter((c) => c.keyId === keyId);
  for (const checkpoint of mine) {
    if (!validSignature(checkpoint, publicKeyHex)) {
      problems.push({
        problem: 'checkpoint-bad-signature',
        seq: checkpoint.seq,
        detail: `checkpoint at seq ${checkpoint.seq} (${checkpoint.at}) is not signed by the trusted key ${keyId}`,
      });
      continue;
    }
    const entry = events[checkpoint.seq];
    if (!entry || entry.seq !== checkpoint.seq || entry.hash !== checkpoint.head) {
      problems.push({
        problem: 'checkpoint-mismatch',
        seq: checkpoint.seq,
        detail: entry
          ? `the log was rewritten: entry ${checkpoint.seq} no longer has the head signed at ${checkpoint.at} (${checkpoint.head})`
          : `the log was cut: it has ${events.length} entries, but a checkpoint signed at ${checkpoint.at} covers seq ${checkpoint.seq}`,
      });
      continue;
    }
    signedThrough = Math.max(signedThrough ?? -1, checkpoint.seq);
  }
  if (mine.length === 0) {
    problems.push({
      problem: 'checkpoint-missing',
      detail: `no checkpoint signed by the trusted key ${keyId} (sign one with 'aims checkpoint')`,
    });
  }
  return { problems, ...(signedThrough === undefined ? {} : { signedThrough }) };
}
