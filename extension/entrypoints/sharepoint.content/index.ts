// The sharepoint content script: runs the sharepoint overlay features. It holds no token and reaches the
// register only by asking the background.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HOST_MATCHES } from '../../overlay/hosts';
import { SHAREPOINT_FEATURES } from '../../overlay/sharepoint-features';
import { startOverlays } from '../../overlay/content-script';

export default defineContentScript({
  matches: [...HOST_MATCHES.sharepoint],
  runAt: 'document_end',
  main(ctx) {
    startOverlays(ctx, SHAREPOINT_FEATURES);
  },
});
