// The register's SHA-256 on Node: OpenSSL's digest instead of the pure implementation the browser uses.
import { createHash } from 'node:crypto';
import type { TextSha256 } from '../../../shared/register';

/**
 * SHA-256 of `text` encoded as UTF-8 (a lone surrogate becomes U+FFFD, as TextEncoder does), as 64
 * lowercase hex digits: the same answer as the register's pure `sha256Hex`, several times faster.
 */
export const nativeSha256Hex: TextSha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
