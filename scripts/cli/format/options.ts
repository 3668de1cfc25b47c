// Parsing the options `aims scan` and `aims diff` share.
import { DEFAULT_MAX_BYTES } from '../../../shared/discovery/limits';
import { stringOption, UserError, type CommandArgs } from '../command';

export function formatOption<F extends string>(args: CommandArgs, allowed: readonly F[], fallback: F): F {
  const value = stringOption(args, 'format') ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserError(`--format must be one of ${allowed.join(', ')} (got '${value}')`);
  }
  return value as F;
}

/** Accepts plain bytes or a k / m suffix (binary units): 2097152, 2048k, 2m. */
export function maxBytesOption(args: CommandArgs): number {
  const raw = stringOption(args, 'max-bytes');
  if (raw === undefined) return DEFAULT_MAX_BYTES;
  const match = /^(\d+)([kKmM]?)$/.exec(raw.trim());
  const unit = match?.[2]?.toLowerCase();
  const value = match ? Number(match[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UserError(`--max-bytes must be a positive number of bytes, e.g. 2097152 or 2m (got '${raw}')`);
  }
  return value;
}

/** At most one folder argument. */
export function folderArgument(args: CommandArgs): string {
  if (args.positionals.length > 1) throw new UserError(`expected one folder, got ${args.positionals.length}`);
  return args.positionals[0] ?? '.';
}

/** --threads: a small positive integer, or undefined for the default (the idle cores). */
export function threadsOption(args: CommandArgs): number | undefined {
  const raw = stringOption(args, 'threads');
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new UserError(`--threads must be a whole number from 1 to 64 (got '${raw}')`);
  }
  return value;
}
