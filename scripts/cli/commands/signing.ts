// `aims keygen` and `aims checkpoint`: Ed25519 signed checkpoints of the event log.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { appendCheckpoint } from '../../../connectors/local/workspace';
import { keyIdOf, publicKeyOf, signCheckpoint, signingKeyPair } from '../../../shared/register';
import { requireOption, stringOption, UserError, type Command } from '../command';
import { keyPath, readHexKey, refuseKeyInside, writeKeyFile } from '../signing-key';

const KEY_OPTION = { key: { type: 'string' } } as const;

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Create an Ed25519 key pair for signing checkpoints of the event log',
  usage: 'aims keygen [--key <secret key file>] [--public-out <file>]',
  details: [
    '  --key          where to keep the secret key (default: $AIMS_SIGNING_KEY_FILE, else',
    '                 ~/.config/aims-lens/signing-key); never inside a workspace; never overwritten',
    '  --public-out   also write the public key here, to hand to whoever verifies (aims verify --trusted-key)',
    'Exit codes: 0 created; 2 the key file exists or usage error.',
  ],
  options: { ...KEY_OPTION, 'public-out': { type: 'string' } },
  async run(args, io) {
    const path = keyPath(args, io);
    const { secretKey, publicKey } = signingKeyPair(randomBytes(32));
    await writeKeyFile(path, `# aims-lens Ed25519 secret key: keep it private\n${secretKey}\n`, true);
    const out = stringOption(args, 'public-out');
    if (out)
      await writeKeyFile(resolve(io.cwd, out), `# aims-lens Ed25519 public key\n${publicKey}\n`, false);
    io.out(`Secret key: ${path} (readable by you only)`);
    io.out(
      `Public key: ${publicKey} (key id ${keyIdOf(publicKey)})${out ? ` written to ${resolve(io.cwd, out)}` : ''}`,
    );
    return 0;
  },
};

export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: "Sign the event log's current head with your Ed25519 key (kept outside the workspace)",
  usage: 'aims checkpoint --workspace <dir> [--key <secret key file>]',
  details: [
    'Appends { seq, head, at, keyId, signature } to checkpoints.jsonl in the workspace. Anyone holding',
    'the public key checks later that the log still holds every signed head: aims verify --trusted-key <file>.',
    'Exit codes: 0 signed; 2 no key, a key inside the workspace, an empty log, or a usage error.',
  ],
  options: { workspace: { type: 'string', short: 'w' }, ...KEY_OPTION },
  async run(args, io) {
    const root = resolve(io.cwd, requireOption(args, 'workspace'));
    const path = keyPath(args, io);
    refuseKeyInside(path, root);
    const secretKey = await readHexKey(path, 'secret key');
    const at = io.now().toISOString();
    const checkpoint = await appendCheckpoint(
      root,
      (events) => {
        if (events.length === 0) throw new UserError('the event log is empty: nothing to sign');
        return signCheckpoint(events, secretKey, at);
      },
      { log: io.err },
    );
    io.out(
      `Signed seq ${checkpoint.seq}, head ${checkpoint.head}, with key ${keyIdOf(publicKeyOf(secretKey))}`,
    );
    return 0;
  },
};
