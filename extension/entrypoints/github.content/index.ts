// The github content script: runs the github overlay features. It holds no token and reaches the
// register only by asking the background.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HOST_MATCHES } from '../../overlay/hosts';
import { GITHUB_FEATURES } from '../../overlay/github-features';
import { startOverlays } from '../../overlay/content-script';

export default defineContentScript({
  matches: [...HOST_MATCHES.github],
  runAt: 'document_end',
  main(ctx) {
    startOverlays(ctx, GITHUB_FEATURES);
  },
});
